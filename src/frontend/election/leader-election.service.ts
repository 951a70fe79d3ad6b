import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, ReplicaAddress } from '../../config/app-config';
import { ReplicaClient } from '../../shared/clients/replica.client';
import { ReplicaStatus } from '../../shared/contracts';
import { NoQuorumError, NotLeaderError, ReplicaUnreachableError } from '../../shared/errors';
import { Clock } from '../../shared/time/clock';
import { planElection } from './election-rule';

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
  return error instanceof ReplicaUnreachableError || error instanceof NotLeaderError;
}

/**
 * Chooses the order leader: the highest-id replica that answers and has caught up, at an epoch
 * above any seen. One election runs at a time; every caller that needs one shares it. The
 * numbers that tune it (failover budget, quorum retries, timeouts) are `config.election`.
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
   * Runs `action` on the leader; when the leader fails, elects another and retries there, and
   * briefly retries a leader without a majority. Callers make `action` idempotent (request ids).
   */
  async withLeader<T>(action: (leader: ReplicaAddress) => Promise<T>): Promise<T> {
    const { quorumRetryMs, quorumRetryPauseMs, failoverBudgetMs } = this.config.election;
    const started = this.clock.now();
    let leader = await this.leader();
    for (;;) {
      try {
        return await action(leader);
      } catch (error) {
        const elapsed = this.clock.now() - started;
        if (error instanceof NoQuorumError && elapsed < quorumRetryMs) {
          await this.clock.sleep(quorumRetryPauseMs);
          leader = await this.leader();
          continue;
        }
        if (!isLeaderFailure(error) || elapsed > failoverBudgetMs) throw error;
        this.emit({ kind: 'failover-retry', failedId: leader.id });
        leader = await this.replace(leader);
      }
    }
  }

  /** `failed` did not serve: elect anew, unless someone already replaced it. */
  async replace(failed: ReplicaAddress): Promise<ReplicaAddress> {
    if (this.current && this.current.replica.id !== failed.id) return this.current.replica;
    this.current = null;
    return (await this.elect()).replica;
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
    const healthy = !(answer instanceof Error) && answer.leading && answer.epoch === current.epoch;
    const slowButAlive = answer instanceof ReplicaUnreachableError && answer.timedOut;
    if (healthy || (slowButAlive && ++this.missedBeats <= this.config.election.missedBeatsAllowed)) {
      if (healthy) this.missedBeats = 0;
      return;
    }
    this.missedBeats = 0;
    this.logger.warn(`leader ${current.replica.id} failed its heartbeat`);
    this.emit({ kind: 'heartbeat-failed', leaderId: current.replica.id });
    await this.replace(current.replica);
  }

  elect(): Promise<Leadership> {
    this.running ??= this.runElection().finally(() => (this.running = null));
    return this.running;
  }

  private async runElection(): Promise<Leadership> {
    const answers = await Promise.allSettled(
      this.config.replicas.map((replica) => this.replicas.status(replica, this.config.election.peerTimeoutMs)),
    );
    const statuses = answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    const plan = planElection(statuses, this.lastEpoch);
    let epoch = plan.epoch;
    for (const id of plan.candidates) {
      const replica = this.config.replicas.find((r) => r.id === id)!;
      this.lastEpoch = epoch;
      const status = await this.announce(replica, epoch);
      if (status?.leading) {
        this.current = { replica, epoch: status.epoch };
        this.logger.log(`replica ${id} leads at epoch ${status.epoch}`);
        this.emit({ kind: 'elected', leaderId: id, epoch: status.epoch });
        return this.current;
      }
      epoch = Math.max(epoch, status?.epoch ?? 0) + 1;
    }
    this.emit({ kind: 'election-failed' });
    throw new NoQuorumError();
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
