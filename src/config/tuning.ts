import { ConfigError } from './config-error';
import { Env, integer } from './env-parsers';

/**
 * Requests with larger bodies are refused with 413 before any handler runs. Public bodies are
 * tiny; the internal batches below are sized against these limits (checked in loadConfig).
 */
export const BODY_LIMIT_BYTES = {
  frontend: 16 * 1024,
  catalog: 256 * 1024,
  order: 1024 * 1024,
} as const;

/** Upper bounds of one item's JSON in a batch: names of 64 characters escaped, 128-character ids. */
export const MAX_TRADE_JSON_BYTES = 1024;
export const MAX_ORDER_RECORD_JSON_BYTES = 1024;
export const MAX_INVALIDATION_JSON_BYTES = 512;

/** How the order replicas replicate, catch up and give up. */
export interface ReplicationTuning {
  /** Log entries per append request, leader → follower (APPEND_BATCH). */
  readonly appendBatch: number;
  /** How long a new order may wait for a majority before the client is told to retry (COMMIT_TIMEOUT_MS). */
  readonly commitTimeoutMs: number;
  /** A channel to an unreachable follower retries after this, doubling up to retryMaxMs. */
  readonly retryMinMs: number;
  readonly retryMaxMs: number;
  /** How long a replica waits for a peer's status or leader-notice answer (PEER_TIMEOUT_MS). */
  readonly peerTimeoutMs: number;
  /**
   * How long the leader waits for a follower to answer an append before it counts the follower
   * unreachable (and, without a majority left, refuses new orders so the frontend moves on).
   */
  readonly appendTimeoutMs: number;
  /**
   * A new entry goes at once to the followers a majority needs; the others (spares) get it within
   * this long, batched with what follows (SPARE_APPEND_DELAY_MS; 0: every follower at once).
   */
  readonly spareAppendDelayMs: number;
  /**
   * A follower that has left an append unanswered this long is passed over for the next entry, and
   * an entry that has waited this long for its majority goes to the spares at once: a failed
   * follower delays a commit by this much, however long the spares' delay.
   */
  readonly slowFollowerMs: number;
  /** Entries per page when a replica copies a peer's log (CATCH_UP_PAGE). */
  readonly catchUpPage: number;
  readonly catchUpRetryMs: number;
  /** The commit point is persisted lazily, at most this often: a lower stored value is always safe. */
  readonly commitFlushMs: number;
  /** The leader sweeps the catalog journal for trades without an order every this many heartbeats. */
  readonly sweepEveryHeartbeats: number;
  /** Journal entries per page when rolling forward. */
  readonly journalPage: number;
  /** Orders per frontend → leader request, and trades per leader → catalog request (fixed: tuning.spec checks them against the body limits). */
  readonly orderBatch: number;
  readonly tradeBatch: number;
}

/** How the frontend chooses the order leader and rides out a failover. */
export interface ElectionTuning {
  /** How long one client request may spend on failovers before its error is returned (FAILOVER_BUDGET_MS). */
  readonly failoverBudgetMs: number;
  /** How long a request keeps retrying a leader that reports no majority. */
  readonly quorumRetryMs: number;
  readonly quorumRetryPauseMs: number;
  /** How long the frontend waits for a replica's status or its answer to a leader notice (PEER_TIMEOUT_MS). */
  readonly peerTimeoutMs: number;
  /** Heartbeats a slow (timed-out, not refused) leader may miss in a row before it is replaced. */
  readonly missedBeatsAllowed: number;
  /**
   * A request the leader has not answered within this long makes the frontend ask the leader for
   * its status (peerTimeoutMs); no answer means it is frozen or cut off, and the request moves on
   * to a new leader. A leader that answers is only slow (a slow catalog, say) and is waited for.
   */
  readonly livenessProbeAfterMs: number;
}

/** The largest page a replica serves from its log (GET /internal/replica/entries). */
export const MAX_LOG_PAGE = 5000;
/** Stock changes per invalidation push (catalog → frontend). */
export const INVALIDATION_BATCH = 32;

export function loadReplicationTuning(env: Env): ReplicationTuning {
  const tuning: ReplicationTuning = {
    appendBatch: integer(env, 'APPEND_BATCH', 1, MAX_LOG_PAGE, 500),
    commitTimeoutMs: integer(env, 'COMMIT_TIMEOUT_MS', 100, 60_000, 1500),
    retryMinMs: 50,
    retryMaxMs: 1000,
    peerTimeoutMs: integer(env, 'PEER_TIMEOUT_MS', 50, 60_000, 300),
    appendTimeoutMs: 750,
    spareAppendDelayMs: integer(env, 'SPARE_APPEND_DELAY_MS', 0, 1000, 100),
    slowFollowerMs: 20,
    catchUpPage: integer(env, 'CATCH_UP_PAGE', 1, MAX_LOG_PAGE - 1, 1000),
    catchUpRetryMs: 500,
    commitFlushMs: 200,
    sweepEveryHeartbeats: 10,
    journalPage: 1000,
    orderBatch: 256,
    tradeBatch: 256,
  };
  if (tuning.appendBatch * MAX_ORDER_RECORD_JSON_BYTES > BODY_LIMIT_BYTES.order) {
    throw new ConfigError('APPEND_BATCH', `must fit the order role's body limit of ${BODY_LIMIT_BYTES.order} bytes`);
  }
  if (tuning.spareAppendDelayMs >= tuning.commitTimeoutMs) {
    throw new ConfigError(
      'SPARE_APPEND_DELAY_MS',
      `must be below COMMIT_TIMEOUT_MS (${tuning.commitTimeoutMs}) (got '${tuning.spareAppendDelayMs}')`,
    );
  }
  return Object.freeze(tuning);
}

export function loadElectionTuning(env: Env, replication: ReplicationTuning): ElectionTuning {
  const tuning: ElectionTuning = {
    failoverBudgetMs: integer(env, 'FAILOVER_BUDGET_MS', 500, 600_000, 5000),
    quorumRetryMs: 1000,
    quorumRetryPauseMs: 100,
    peerTimeoutMs: replication.peerTimeoutMs,
    missedBeatsAllowed: 1,
    livenessProbeAfterMs: 300,
  };
  // A request must be able to wait out one commit timeout and still fail over once.
  if (tuning.failoverBudgetMs <= replication.commitTimeoutMs) {
    throw new ConfigError(
      'FAILOVER_BUDGET_MS',
      `must be above COMMIT_TIMEOUT_MS (${replication.commitTimeoutMs}) (got '${tuning.failoverBudgetMs}')`,
    );
  }
  return Object.freeze(tuning);
}
