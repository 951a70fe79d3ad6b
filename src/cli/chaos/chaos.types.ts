import { TradeType } from '../../shared/contracts';

/**
 * Where one Idempotency-Key ended: `acknowledged` (200 with a number), `refused` (409 not enough
 * stock), `rejected` (any other 4xx: unexpected for a valid trade), or `pending` (the client was
 * still retrying when the run gave up on it).
 */
export type TradeOutcome = 'acknowledged' | 'refused' | 'rejected' | 'pending';

/** One key a client sent, with every retry folded in. */
export interface TradeRecord {
  readonly key: string;
  readonly client: number;
  readonly name: string;
  readonly type: TradeType;
  readonly quantity: number;
  outcome: TradeOutcome;
  /** Set when acknowledged. */
  number?: number;
  /** How many times the key was sent. */
  attempts: number;
  /** The last answer's status (0: no answer) and, for a definite non-200, its body. */
  lastStatus: number;
  lastAnswer?: string;
  /** Milliseconds since the run started. */
  readonly firstAt: number;
  lastAt: number;
}

export type ChaosTarget = 'replica' | 'leader' | 'catalog' | 'frontend';

/** One SIGKILL and the restart that followed. */
/** A SIGKILL (then a restart), or a SIGSTOP (then, after a while, SIGCONT): a crash or a freeze. */
export type FaultAction = 'kill' | 'pause';

export interface KillEvent {
  /** Milliseconds since the run started. */
  readonly at: number;
  readonly action: FaultAction;
  readonly process: string;
  /** What the killer aimed at: the leader, a random replica (which may be the leader), or a service. */
  readonly target: ChaosTarget;
  /** Whether the victim was leading when killed (replicas only). */
  readonly wasLeader: boolean;
  /** SIGCONT of a pause, or the restart of a kill. */
  restartedAt?: number;
  healthyAt?: number;
  /** Set when the process could not be made healthy again in time. */
  problem?: string;
}

/** A process that died without being killed by the run. */
export interface CrashEvent {
  readonly at: number;
  readonly process: string;
  readonly exit: string;
}

export interface ClientSummary {
  readonly client: number;
  readonly finished: boolean;
  readonly trades: number;
}
