import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppConfig, ReplicaAddress } from '../../config/app-config';
import { NotLeaderError, StaleEpochError } from '../../shared/errors';
import { OrderLogRepository } from '../order-log.repository';

/**
 * What this replica knows about leadership: the highest epoch seen and its leader (persisted),
 * whether it serves as leader right now, whether it has caught up since it started, and how far
 * its log is known to be committed.
 */
const COMMIT_FLUSH_MS = 200;

@Injectable()
export class ReplicaState implements OnModuleInit {
  private readonly logger = new Logger(ReplicaState.name);
  readonly id: number;
  readonly peers: readonly ReplicaAddress[];
  /** Votes needed to commit: a majority of all replicas, this one included. */
  readonly majority: number;
  epoch = 0;
  leaderId = 0;
  commitNumber = -1;
  leading = false;
  ready = false;
  private flushTimer?: NodeJS.Timeout;

  constructor(
    private readonly log: OrderLogRepository,
    config: AppConfig,
  ) {
    this.id = config.replicaId;
    this.peers = config.replicas.filter((r) => r.id !== config.replicaId);
    this.majority = Math.floor(config.replicas.length / 2) + 1;
  }

  async onModuleInit(): Promise<void> {
    const { epoch, leaderId, commitNumber } = await this.log.loadState();
    Object.assign(this, { epoch, leaderId, commitNumber });
  }

  /**
   * Accepts news of `leaderId` leading at `epoch`: a newer epoch is adopted and persisted, an older
   * one (or a second leader for the same epoch) is refused. Returns true when this deposes us.
   */
  async observe(epoch: number, leaderId: number): Promise<boolean> {
    if (epoch < this.epoch || (epoch === this.epoch && this.leaderId !== 0 && leaderId !== this.leaderId)) {
      throw StaleEpochError.refusing(epoch, this.epoch);
    }
    if (epoch === this.epoch && leaderId === this.leaderId) return false;
    await this.log.saveState({ epoch, leaderId });
    this.epoch = epoch;
    this.leaderId = leaderId;
    const deposed = this.leading && leaderId !== this.id;
    if (deposed) this.stopLeading(`replica ${leaderId} leads epoch ${epoch}`);
    return deposed;
  }

  stopLeading(reason: string): void {
    if (!this.leading) return;
    this.leading = false;
    this.logger.warn(`replica ${this.id} steps down at epoch ${this.epoch}: ${reason}`);
  }

  /** A replica that is catching up or following answers NotLeaderError: the frontend then re-elects. */
  assertLeading(): void {
    if (!this.ready || !this.leading) throw new NotLeaderError(this.id);
  }

  /**
   * Remembers a higher commit point. Persisting it is only an optimisation (a lower stored value
   * is always safe), so it is written lazily, at most every COMMIT_FLUSH_MS.
   */
  noteCommitted(commitNumber: number): void {
    if (commitNumber <= this.commitNumber) return;
    this.commitNumber = commitNumber;
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      const commit = this.commitNumber;
      this.log.exclusive(() => this.log.saveState({ commitNumber: commit })).catch(() => undefined);
    }, COMMIT_FLUSH_MS);
  }
}
