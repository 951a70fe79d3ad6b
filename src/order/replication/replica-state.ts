import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AppConfig, ReplicaAddress } from '../../config/app-config';
import { NotLeaderError, StaleEpochError } from '../../shared/errors';
import { Clock } from '../../shared/time/clock';
import { Mutex } from '../../shared/sync/mutex';
import { OrderLogRepository } from '../log/order-log.repository';

export interface ReplicaSnapshot {
  id: number;
  epoch: number;
  leaderId: number;
  leading: boolean;
  ready: boolean;
  commitNumber: number;
}

export type StepDownListener = (reason: string) => void;

/**
 * What this replica knows about leadership, and the only code that changes it: the highest
 * epoch seen and its leader (persisted), whether it has caught up since it started, whether it
 * serves as leader, and how far its log is known to be committed. Everything else reads these
 * and asks for named transitions; whoever must react to losing leadership subscribes to
 * `onStepDown` (replication stops its channels there).
 *
 * The lock: a leader notice or a follower append adopts an epoch and writes under it, and a
 * leader writes its own new entries, each without any other epoch change interleaving. So once
 * this replica has promised a newer epoch, no write of an older leader lands here — its own
 * included.
 */
@Injectable()
export class ReplicaState implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ReplicaState.name);
  readonly id: number;
  readonly peers: readonly ReplicaAddress[];
  /** Votes needed to commit: a majority of all replicas, this one included. */
  readonly majority: number;
  private readonly lock = new Mutex();
  private readonly stepDownListeners = new Set<StepDownListener>();
  private currentEpoch = 0;
  private currentLeader = 0;
  private committed = -1;
  private isLeading = false;
  private isReady = false;
  private cancelFlush?: () => void;

  constructor(
    private readonly log: OrderLogRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.id = config.replicaId;
    this.peers = config.replicas.filter((r) => r.id !== config.replicaId);
    this.majority = Math.floor(config.replicas.length / 2) + 1;
  }

  async onModuleInit(): Promise<void> {
    const { epoch, leaderId, commitNumber } = await this.log.loadState();
    this.currentEpoch = epoch;
    this.currentLeader = leaderId;
    this.committed = commitNumber;
  }

  onModuleDestroy(): void {
    this.cancelFlush?.();
  }

  get epoch(): number {
    return this.currentEpoch;
  }

  get leaderId(): number {
    return this.currentLeader;
  }

  get commitNumber(): number {
    return this.committed;
  }

  get leading(): boolean {
    return this.isLeading;
  }

  get ready(): boolean {
    return this.isReady;
  }

  snapshot(): ReplicaSnapshot {
    return {
      id: this.id,
      epoch: this.currentEpoch,
      leaderId: this.currentLeader,
      leading: this.isLeading,
      ready: this.isReady,
      commitNumber: this.committed,
    };
  }

  onStepDown(listener: StepDownListener): () => void {
    this.stepDownListeners.add(listener);
    return () => this.stepDownListeners.delete(listener);
  }

  /** The replica has caught up with its peers after starting: it may serve from now on. */
  caughtUp(): void {
    this.isReady = true;
  }

  /**
   * News of `leaderId` leading at `epoch`: a newer epoch is adopted and persisted (deposing us if
   * we led), the same one is accepted, an older one (or a second leader for the same epoch) is
   * refused with StaleEpochError. Then `write` runs, before any other epoch change.
   */
  admit<T>(epoch: number, leaderId: number, write: () => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      await this.adopt(epoch, leaderId);
      return write();
    });
  }

  observe(epoch: number, leaderId: number): Promise<void> {
    return this.admit(epoch, leaderId, async () => undefined);
  }

  /**
   * Leads at `epoch` if it is still the epoch this replica was named leader of: `takeOver` (the
   * re-stamp of the inherited tail) runs first, under the lock. Returns whether it leads now.
   */
  becomeLeader(epoch: number, takeOver: () => Promise<void>): Promise<boolean> {
    return this.lock.run(async () => {
      if (!this.isReady || epoch !== this.currentEpoch || this.currentLeader !== this.id) return false;
      await takeOver();
      this.isLeading = true;
      this.logger.log(`replica ${this.id} leads epoch ${epoch}`);
      return true;
    });
  }

  /** Runs the leader's own `write` only while it still leads at `epoch`; NotLeaderError otherwise. */
  whileLeading<T>(epoch: number, write: () => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      if (!this.isLeading || epoch !== this.currentEpoch) throw NotLeaderError.replica(this.id);
      return write();
    });
  }

  /** Stops leading (a no-op when not leading) and tells every subscriber why. */
  stepDown(reason: string): void {
    if (!this.isLeading) return;
    this.isLeading = false;
    this.logger.warn(`replica ${this.id} steps down at epoch ${this.currentEpoch}: ${reason}`);
    for (const listener of this.stepDownListeners) listener(reason);
  }

  /** A replica that is catching up or following answers NotLeaderError: the frontend then re-elects. */
  assertLeading(): void {
    if (!this.isReady || !this.isLeading) throw NotLeaderError.replica(this.id);
  }

  /**
   * Raises the commit point. Persisting it is only an optimisation (a lower stored value is
   * always safe: it only means more re-checking), so it is written lazily, at most every
   * commitFlushMs.
   */
  advanceCommit(commitNumber: number): void {
    if (commitNumber <= this.committed) return;
    this.committed = commitNumber;
    this.cancelFlush ??= this.clock.setTimer(this.config.replication.commitFlushMs, () => {
      this.cancelFlush = undefined;
      this.log.saveCommitNumber(this.committed).catch(() => undefined);
    });
  }

  private async adopt(epoch: number, leaderId: number): Promise<void> {
    const secondLeader = epoch === this.currentEpoch && this.currentLeader !== 0 && leaderId !== this.currentLeader;
    if (epoch < this.currentEpoch || secondLeader) throw StaleEpochError.refusing(epoch, this.currentEpoch);
    if (epoch === this.currentEpoch && leaderId === this.currentLeader) return;
    await this.log.saveLeadership(epoch, leaderId);
    this.currentEpoch = epoch;
    this.currentLeader = leaderId;
    if (leaderId !== this.id) this.stepDown(`replica ${leaderId} leads epoch ${epoch}`);
  }
}
