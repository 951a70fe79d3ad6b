import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, ReplicaAddress } from '../../config/app-config';
import { ReplicaClient } from '../../shared/clients/replica.client';
import { ReplicaStatus } from '../../shared/contracts';
import { NoQuorumError, NotLeaderError, ReplicaUnreachableError } from '../../shared/errors';
import { planElection } from './election-rule';

/** How long one client request may spend on failovers before its error is returned. */
export const FAILOVER_BUDGET_MS = 5000;
/**
 * How long a request keeps retrying while the leader reports no majority: long enough to ride
 * out a follower restart or a slow commit, short enough to answer 503 well within 2 s.
 */
export const QUORUM_RETRY_MS = 1000;
const QUORUM_RETRY_PAUSE_MS = 100;
const STATUS_TIMEOUT_MS = 1000;
/** Heartbeats a leader may miss in a row before it is replaced (a crash is caught at once anyway). */
const MISSED_BEATS_ALLOWED = 1;

export interface Leadership {
  replica: ReplicaAddress;
  epoch: number;
}

function isLeaderFailure(error: unknown): boolean {
  return error instanceof ReplicaUnreachableError || error instanceof NotLeaderError;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Chooses the order leader: the highest-id replica that answers and has caught up, at an epoch
 * above any seen. One election runs at a time; every caller that needs one shares it.
 */
@Injectable()
export class LeaderElection {
  private readonly logger = new Logger(LeaderElection.name);
  private current: Leadership | null = null;
  private running: Promise<Leadership> | null = null;
  private lastEpoch = 0;
  private missedBeats = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly replicas: ReplicaClient,
  ) {}

  get leadership(): Leadership | null {
    return this.current;
  }

  async leader(): Promise<ReplicaAddress> {
    return (this.current ?? (await this.elect())).replica;
  }

  /**
   * Runs `action` on the leader; when the leader fails, elects another and retries there, and
   * briefly retries a leader without a majority. Callers make `action` idempotent (request ids).
   */
  async withLeader<T>(action: (leader: ReplicaAddress) => Promise<T>): Promise<T> {
    const started = Date.now();
    let leader = await this.leader();
    for (;;) {
      try {
        return await action(leader);
      } catch (error) {
        const elapsed = Date.now() - started;
        if (error instanceof NoQuorumError && elapsed < QUORUM_RETRY_MS) {
          await pause(QUORUM_RETRY_PAUSE_MS);
          leader = await this.leader();
          continue;
        }
        if (!isLeaderFailure(error) || elapsed > FAILOVER_BUDGET_MS) throw error;
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
      .status(current.replica, STATUS_TIMEOUT_MS)
      .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    const healthy = !(answer instanceof Error) && answer.leading && answer.epoch === current.epoch;
    const slowButAlive = answer instanceof ReplicaUnreachableError && answer.timedOut;
    if (healthy || (slowButAlive && ++this.missedBeats <= MISSED_BEATS_ALLOWED)) {
      if (healthy) this.missedBeats = 0;
      return;
    }
    this.missedBeats = 0;
    this.logger.warn(`leader ${current.replica.id} failed its heartbeat`);
    await this.replace(current.replica);
  }

  elect(): Promise<Leadership> {
    this.running ??= this.runElection().finally(() => (this.running = null));
    return this.running;
  }

  private async runElection(): Promise<Leadership> {
    const answers = await Promise.allSettled(
      this.config.replicas.map((replica) => this.replicas.status(replica, STATUS_TIMEOUT_MS)),
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
        return this.current;
      }
      epoch = Math.max(epoch, status?.epoch ?? 0) + 1;
    }
    throw new NoQuorumError();
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
