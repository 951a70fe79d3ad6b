import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, ReplicaAddress } from '../../config/app-config';
import { ReplicaClient } from '../../shared/clients/replica.client';
import { ReplicaStatus } from '../../shared/contracts';
import { NoQuorumError, NotLeaderError, ReplicaUnreachableError } from '../../shared/errors';
import { Clock } from '../../shared/time/clock';
import { EpochLeader, isTakingOver, planElection } from './election-rule';

export interface Leadership {
  replica: ReplicaAddress;
  epoch: number;
}

/** What metrics and the status page hear of: elections, and leaders that failed. */
export type ElectionEvent =
  | { kind: 'elected'; leaderId: number; epoch: number }
  | { kind: 'election-failed' }
  | { kind: 'heartbeat-failed'; leaderId: number }
  /** A request the leader failed is retried on a newly elected one. */
  | { kind: 'failover-retry'; failedId: number };

export type ElectionListener = (event: ElectionEvent) => void;

function isLeaderFailure(error: unknown): boolean {
  return error instanceof ReplicaUnreachableError || error instanceof NotLeaderError || error instanceof NoQuorumError;
}

/** An election that found no replica able to lead: the next try elects again. */
const electionFailed = (error: unknown): undefined => {
  if (error instanceof NoQuorumError) return undefined;
  throw error;
};

/** A leader that did not answer, or cannot reach a majority, is not asked or chosen in the next election. */
const skipsTheLeader = (error: unknown): boolean =>
  error instanceof ReplicaUnreachableError || error instanceof NoQuorumError;

/**
 * Chooses the order leader: the highest-id replica that answers and has caught up, at an epoch
 * above any seen — unless a replica already leads the newest epoch with a majority (another
 * frontend elected it): then that one is followed, and no epoch is spent. One election runs at a
 * time; every caller that needs one shares it. The numbers that tune it (failover budget, quorum
 * retries, timeouts) are `config.election`.
 */
@Injectable()
export class LeaderElection {
  private readonly logger = new Logger(LeaderElection.name);
  private current: Leadership | null = null;
  private running: Promise<Leadership> | null = null;
  private lastEpoch = 0;
  private missedBeats = 0;
  private readonly listeners = new Set<ElectionListener>();

  constructor(
    private readonly config: AppConfig,
    private readonly replicas: ReplicaClient,
    private readonly clock: Clock,
  ) {}

  get leadership(): Leadership | null {
    return this.current;
  }

  onEvent(listener: ElectionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async leader(): Promise<ReplicaAddress> {
    return (this.current ?? (await this.elect())).replica;
  }

  /**
   * Runs `action` on the leader; when the leader fails (refuses, is unreachable, or stops
   * answering: see livenessProbeAfterMs), elects another and retries there, and briefly retries a
   * leader without a majority. Callers make `action` idempotent (request ids) and give up when
   * `signal` aborts.
   */
  async withLeader<T>(action: (leader: ReplicaAddress, signal: AbortSignal) => Promise<T>): Promise<T> {
    const { failoverBudgetMs, quorumRetryMs, quorumRetryPauseMs } = this.config.election;
    const started = this.clock.now();
    let leader: ReplicaAddress | undefined;
    let noQuorumSeen = false;
    for (;;) {
      try {
        leader ??= await this.leader();
        return await this.whileAlive(leader, (signal) => action(leader!, signal));
      } catch (error) {
        const elapsed = this.clock.now() - started;
        if (!isLeaderFailure(error) || elapsed > failoverBudgetMs) throw error;
        if (error instanceof NoQuorumError) {
          // No majority behind the leader (or for any candidate): try another at once, then
          // pause between tries, and answer 503 after quorumRetryMs — long enough to ride out a
          // follower restart, short enough to answer well within 2 s.
          if (elapsed >= quorumRetryMs) throw error;
          if (noQuorumSeen) await this.clock.sleep(quorumRetryPauseMs);
          noQuorumSeen = true;
        }
        if (leader) this.emit({ kind: 'failover-retry', failedId: leader.id });
        leader = leader ? await this.replace(leader, skipsTheLeader(error)).catch(electionFailed) : undefined;
      }
    }
  }

  /**
   * `failed` did not serve: elect anew, unless someone already replaced it. With `skipFailed` (it
   * did not answer at all, or cannot reach a majority) it is neither asked nor chosen: waiting for
   * it again would only delay the failover.
   */
  async replace(failed: ReplicaAddress, skipFailed = false): Promise<ReplicaAddress> {
    if (this.current && this.current.replica.id !== failed.id) return this.current.replica;
    this.current = null;
    return (await this.elect(skipFailed ? failed.id : undefined)).replica;
  }

  /** The heartbeat: keeps a healthy leader (even when a higher id returns), replaces a failed one. */
  async checkLeader(): Promise<void> {
    if (this.running) return;
    const current = this.current;
    if (!current) {
      await this.elect();
      return;
    }
    const answer: ReplicaStatus | Error = await this.replicas
      .status(current.replica, this.config.election.peerTimeoutMs)
      .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    // Another frontend may have named the same leader at a newer epoch: it still leads, at that one.
    const healthy = !(answer instanceof Error) && answer.leading && answer.quorum && answer.epoch >= current.epoch;
    const slowButAlive = answer instanceof ReplicaUnreachableError && answer.timedOut;
    if (healthy || (slowButAlive && ++this.missedBeats <= this.config.election.missedBeatsAllowed)) {
      if (healthy) {
        this.missedBeats = 0;
        this.follow(current.replica, answer.epoch);
      }
      return;
    }
    this.missedBeats = 0;
    const lostQuorum = !(answer instanceof Error) && answer.leading && !answer.quorum;
    this.logger.warn(
      `leader ${current.replica.id} failed its heartbeat${lostQuorum ? ' (no majority reachable)' : ''}`,
    );
    this.emit({ kind: 'heartbeat-failed', leaderId: current.replica.id });
    await this.replace(current.replica, answer instanceof ReplicaUnreachableError || lostQuorum);
  }

  /** Elects a leader; `failed` (a leader that just did not serve) is neither asked nor chosen. */
  elect(failed?: number): Promise<Leadership> {
    this.running ??= this.runElection(failed).finally(() => (this.running = null));
    return this.running;
  }

  /**
   * Runs `call` while checking that `leader` still answers: once the call has taken
   * livenessProbeAfterMs, and as long as it runs, the leader is asked for its status; when it does
   * not answer, the call is aborted (and fails as unreachable).
   */
  private async whileAlive<T>(leader: ReplicaAddress, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const { livenessProbeAfterMs, peerTimeoutMs } = this.config.election;
    const aborter = new AbortController();
    let done = false;
    let cancel = () => undefined as unknown;
    const probe = (): void => {
      this.replicas.status(leader, peerTimeoutMs).then(
        () => {
          if (!done) cancel = this.clock.setTimer(livenessProbeAfterMs, probe);
        },
        () => {
          if (done) return;
          this.logger.warn(`leader ${leader.id} stopped answering during a request`);
          aborter.abort();
        },
      );
    };
    cancel = this.clock.setTimer(livenessProbeAfterMs, probe);
    try {
      return await call(aborter.signal);
    } finally {
      done = true;
      cancel();
    }
  }

  private async runElection(failed?: number): Promise<Leadership> {
    const asked = this.config.replicas.filter((replica) => replica.id !== failed);
    const answers = await Promise.allSettled(
      asked.map((replica) => this.replicas.status(replica, this.config.election.peerTimeoutMs)),
    );
    const statuses = answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    const plan = planElection(statuses, this.lastEpoch);
    if (plan.leader) return this.follow(this.address(plan.leader.id), plan.leader.epoch);
    if (plan.joining) {
      const joined = await this.join(plan.joining);
      if (joined) return joined;
    }
    let epoch = plan.epoch;
    for (const id of plan.candidates) {
      const replica = this.address(id);
      this.lastEpoch = Math.max(this.lastEpoch, epoch);
      let status = await this.announce(replica, epoch);
      // Named at a newer epoch meanwhile (by another frontend) and taking over: join that epoch.
      if (status && !status.leading && status.epoch > epoch && isTakingOver(status, status.epoch)) {
        status = await this.announce(replica, status.epoch);
      }
      if (status?.leading) return this.follow(replica, status.epoch);
      epoch = Math.max(epoch, status?.epoch ?? 0) + 1;
    }
    this.emit({ kind: 'election-failed' });
    throw new NoQuorumError();
  }

  /** Announces the epoch a replica is taking over to it again: the answer comes once it leads. */
  private async join({ id, epoch }: EpochLeader): Promise<Leadership | null> {
    const status = await this.announce(this.address(id), epoch);
    return status?.leading ? this.follow(this.address(id), status.epoch) : null;
  }

  /** `replica` leads at `epoch`: this frontend sends it orders from now on. */
  private follow(replica: ReplicaAddress, epoch: number): Leadership {
    const changed = this.current?.replica.id !== replica.id || this.current.epoch !== epoch;
    this.current = { replica, epoch };
    this.lastEpoch = Math.max(this.lastEpoch, epoch);
    if (changed) {
      this.logger.log(`replica ${replica.id} leads at epoch ${epoch}`);
      this.emit({ kind: 'elected', leaderId: replica.id, epoch });
    }
    return this.current;
  }

  private address(id: number): ReplicaAddress {
    return this.config.replicas.find((r) => r.id === id)!;
  }

  private emit(event: ElectionEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private async announce(replica: ReplicaAddress, epoch: number): Promise<ReplicaStatus | null> {
    try {
      return await this.replicas.announceLeader(replica, { leaderId: replica.id, epoch });
    } catch (error) {
      this.logger.warn(`replica ${replica.id} cannot lead epoch ${epoch}: ${(error as Error).message}`);
      return null;
    }
  }
}
