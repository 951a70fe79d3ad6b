import { Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { ReplicaAddress } from '../../config/app-config';
import { ReplicationTuning } from '../../config/tuning';
import { ReplicaClient } from '../../shared/clients/replica.client';
import { StaleEpochError } from '../../shared/errors';
import { Clock } from '../../shared/time/clock';
import { OrderLogRepository } from '../log/order-log.repository';
import { ReplicaState } from './replica-state';

export interface ChannelListener {
  /** The follower holds more, or its reachability changed. */
  progressed(): void;
  /** The follower knows a newer epoch: we no longer lead. */
  deposed(reason: string): void;
  /** One append round trip that the follower answered took this long. */
  appended(seconds: number): void;
}

/**
 * Ships the leader's log to one follower, one request at a time, batching whatever accumulated
 * meanwhile (group commit): at once, or a little later for a spare follower. On a mismatch it
 * resends from where the follower says it matches; while the follower is down it retries with
 * backoff, so a follower that returns is backfilled.
 */
export class FollowerChannel {
  private readonly logger = new Logger(FollowerChannel.name);
  matchNumber = -1;
  healthy = true;
  private nextNumber: number;
  private sentCommit = -1;
  private dirty = false;
  private heartbeatDue = false;
  private running = false;
  private stopped = false;
  private failures = 0;
  /** When the append now in flight was sent (undefined: none in flight). */
  private sentAt?: number;
  private cancelDeferred?: () => void;

  constructor(
    readonly peer: ReplicaAddress,
    private readonly client: ReplicaClient,
    private readonly log: OrderLogRepository,
    private readonly state: ReplicaState,
    private readonly listener: ChannelListener,
    private readonly clock: Clock,
    private readonly tuning: ReplicationTuning,
    firstNumber: number,
  ) {
    this.nextNumber = firstNumber;
  }

  /**
   * Ships what is new: now, or within `withinMs` together with whatever else accumulates by then
   * (for a follower the commit point does not wait for). A poke for now overrides a deferred one.
   */
  poke(withinMs = 0): void {
    if (withinMs > 0) {
      this.cancelDeferred ??= this.clock.setTimer(withinMs, () => {
        this.cancelDeferred = undefined;
        this.poke();
      });
      return;
    }
    this.cancelDeferred?.();
    this.cancelDeferred = undefined;
    this.dirty = true;
    if (this.running || this.stopped) return;
    this.running = true;
    void this.run();
  }

  /** Sends even when there is nothing new, so a dead follower is noticed before an order needs it. */
  heartbeat(): void {
    this.heartbeatDue = true;
    this.poke();
  }

  stop(): void {
    this.stopped = true;
    this.cancelDeferred?.();
  }

  /** Reachable, and no append of ours has waited `ms` for its answer: likely to answer the next one soon. */
  answersWithin(ms: number): boolean {
    return this.healthy && (this.sentAt === undefined || this.clock.now() - this.sentAt < ms);
  }

  private async run(): Promise<void> {
    try {
      while (this.dirty && !this.stopped) {
        this.dirty = false;
        const more = await this.sendOnce();
        if (more) this.dirty = true;
      }
    } catch (error) {
      this.logger.error(`channel to ${this.peer.id} failed: ${String(error)}`);
    } finally {
      // In the same turn as the last check of `dirty`: a poke cannot fall in between and be lost.
      this.running = false;
    }
  }

  /** Sends one batch; true when there may be more to send (or a retry is due). */
  private async sendOnce(): Promise<boolean> {
    const orders = await this.log.after(this.nextNumber - 1, this.tuning.appendBatch);
    const commitNumber = this.state.commitNumber;
    if (orders.length === 0 && this.sentCommit >= commitNumber && this.healthy && !this.heartbeatDue) return false;
    this.heartbeatDue = false;
    const prevNumber = this.nextNumber - 1;
    const prevEpoch = (await this.log.epochAt(prevNumber)) ?? -1;
    const started = performance.now();
    try {
      const request = { epoch: this.state.epoch, leaderId: this.state.id, prevNumber, prevEpoch, orders, commitNumber };
      this.sentAt = this.clock.now();
      const result = await this.client.append(this.peer, request, this.tuning.appendTimeoutMs).finally(() => {
        this.sentAt = undefined;
      });
      if (this.stopped) return false;
      this.listener.appended((performance.now() - started) / 1000);
      this.markHealthy();
      if (!result.ok) {
        this.nextNumber = Math.min(prevNumber, Math.max(0, result.resendFrom));
        this.matchNumber = Math.min(this.matchNumber, this.nextNumber - 1);
        return true;
      }
      this.matchNumber = prevNumber + orders.length;
      this.nextNumber = this.matchNumber + 1;
      this.sentCommit = commitNumber;
      this.listener.progressed();
      return orders.length === this.tuning.appendBatch;
    } catch (error) {
      if (this.stopped) return false;
      if (error instanceof StaleEpochError) {
        this.listener.deposed(`replica ${this.peer.id}: ${error.message}`);
        return false;
      }
      await this.backOff();
      return true;
    }
  }

  private markHealthy(): void {
    this.failures = 0;
    if (this.healthy) return;
    this.healthy = true;
    this.logger.log(`follower ${this.peer.id} reachable again`);
    this.listener.progressed();
  }

  private async backOff(): Promise<void> {
    this.failures += 1;
    if (this.healthy) {
      this.healthy = false;
      this.logger.warn(`follower ${this.peer.id} unreachable; retrying in the background`);
      this.listener.progressed();
    }
    const { retryMinMs, retryMaxMs } = this.tuning;
    await this.clock.sleep(Math.min(retryMaxMs, retryMinMs * 2 ** (this.failures - 1)));
  }
}
