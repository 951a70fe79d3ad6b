import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppConfig, ReplicaAddress } from '../../config/app-config';
import { ReplicaClient } from '../../shared/clients/replica.client';
import { NoQuorumError, NotLeaderError } from '../../shared/errors';
import { Clock } from '../../shared/time/clock';
import { OrderLogRepository } from '../log/order-log.repository';
import { FollowerChannel } from './follower-channel';
import { majorityMatch } from './log-rules';
import { ReplicaState } from './replica-state';

/** One follower as the leader sees it. */
export interface FollowerProgress {
  id: number;
  /** The highest number it is known to hold (-1: nothing known yet). */
  matchNumber: number;
  /** False while appends to it fail. */
  reachable: boolean;
}

/** Hears of every append a follower answered: who, and the round trip in seconds. */
export type AppendListener = (followerId: number, seconds: number) => void;

interface Waiter {
  number: number;
  resolve: () => void;
  reject: (error: Error) => void;
  cancelTimers: () => void;
}

/**
 * The leader's side of replication: one channel per follower, and the commit point — the
 * highest number a majority (this replica included) holds durably. An order is acknowledged
 * only once the commit point reaches it. The commit point travels to the followers with the
 * next append or heartbeat; nothing waits for them to learn it.
 */
@Injectable()
export class ReplicationService implements OnModuleDestroy {
  private readonly logger = new Logger(ReplicationService.name);
  private channels: FollowerChannel[] = [];
  private waiters: Waiter[] = [];
  private localLast = -1;
  private readonly appendListeners = new Set<AppendListener>();

  constructor(
    private readonly state: ReplicaState,
    private readonly client: ReplicaClient,
    private readonly log: OrderLogRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    state.onStepDown(() => this.stop());
  }

  /** The followers' progress while this replica leads; empty otherwise. */
  followers(): FollowerProgress[] {
    return this.channels.map((c) => ({ id: c.peer.id, matchNumber: c.matchNumber, reachable: c.healthy }));
  }

  onAppend(listener: AppendListener): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  /** Sends to every follower even when there is nothing new (a no-op when not leading). */
  heartbeat(): void {
    this.channels.forEach((channel) => channel.heartbeat());
  }

  /** Refuses new work up front when too few followers answer to ever commit it. */
  assertQuorum(): void {
    if (!this.hasQuorum()) throw new NoQuorumError();
  }

  /**
   * Starts shipping the log to every follower, from `firstNumber` on: the re-stamped tail is sent
   * to everyone once, so that all logs end up identical, epoch stamps included.
   */
  async start(firstNumber: number): Promise<void> {
    this.stopChannels();
    this.localLast = (await this.log.lastPosition()).number;
    const listenerFor = (peer: ReplicaAddress) => ({
      progressed: () => this.progressed(),
      deposed: (reason: string) => this.state.stepDown(reason),
      appended: (seconds: number) => this.appendListeners.forEach((listener) => listener(peer.id, seconds)),
    });
    this.channels = this.state.peers.map(
      (peer) =>
        new FollowerChannel(
          peer,
          this.client,
          this.log,
          this.state,
          listenerFor(peer),
          this.clock,
          this.config.replication,
          firstNumber,
        ),
    );
    this.channels.forEach((channel) => channel.poke());
  }

  /**
   * A new entry is durable in the local log: ship it at once to as many followers as a majority
   * needs, and to the others (spares) within SPARE_APPEND_DELAY_MS, batched with what follows.
   * A follower that has left an append unanswered for `slowFollowerMs` gives its place to a spare,
   * and an entry still waiting for its majority after that long goes to the spares at once (see
   * waitCommitted), so a failed follower delays a commit by `slowFollowerMs` at most, once.
   */
  appended(number: number): void {
    this.localLast = Math.max(this.localLast, number);
    const { spareAppendDelayMs, slowFollowerMs } = this.config.replication;
    let needed = this.state.majority - 1;
    for (const channel of this.channels) {
      if (needed > 0 && channel.answersWithin(slowFollowerMs)) {
        needed -= 1;
        channel.poke();
      } else {
        channel.poke(spareAppendDelayMs);
      }
    }
  }

  /** Resolves once `number` is on a majority; NoQuorumError when that cannot happen soon. */
  waitCommitted(number: number): Promise<void> {
    if (number <= this.state.commitNumber) return Promise.resolve();
    if (!this.state.leading) return Promise.reject(NotLeaderError.replica(this.state.id));
    if (!this.hasQuorum()) return Promise.reject(new NoQuorumError());
    const { commitTimeoutMs, slowFollowerMs, spareAppendDelayMs } = this.config.replication;
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { number, resolve, reject, cancelTimers: () => undefined };
      const cancelTimeout = this.clock.setTimer(commitTimeoutMs, () => this.settle(waiter, new NoQuorumError()));
      const cancelRescue =
        spareAppendDelayMs > slowFollowerMs
          ? this.clock.setTimer(slowFollowerMs, () => this.shipToEveryone())
          : () => undefined;
      waiter.cancelTimers = () => {
        cancelTimeout();
        cancelRescue();
      };
      this.waiters.push(waiter);
    });
  }

  onModuleDestroy(): void {
    this.stopChannels();
  }

  /** Stepping down: the channels stop and every waiting order fails with NotLeaderError. */
  private stop(): void {
    this.stopChannels();
    this.rejectAll(NotLeaderError.replica(this.state.id));
  }

  private progressed(): void {
    if (!this.state.leading) return;
    const matches = [this.localLast, ...this.channels.map((channel) => channel.matchNumber)];
    this.state.advanceCommit(majorityMatch(matches, this.state.majority));
    for (const waiter of [...this.waiters]) {
      if (waiter.number <= this.state.commitNumber) this.settle(waiter);
    }
    if (!this.hasQuorum()) this.rejectAll(new NoQuorumError());
  }

  /** Whether enough followers answer (with this replica, a majority) to commit anything. */
  hasQuorum(): boolean {
    return 1 + this.channels.filter((channel) => channel.healthy).length >= this.state.majority;
  }

  /** An entry waited too long for the followers it went to: the spares get everything now. */
  private shipToEveryone(): void {
    this.channels.forEach((channel) => channel.poke());
  }

  private settle(waiter: Waiter, error?: Error): void {
    waiter.cancelTimers();
    this.waiters = this.waiters.filter((w) => w !== waiter);
    if (error) waiter.reject(error);
    else waiter.resolve();
  }

  private rejectAll(error: Error): void {
    for (const waiter of [...this.waiters]) this.settle(waiter, error);
  }

  private stopChannels(): void {
    if (this.channels.length === 0) return;
    this.channels.forEach((channel) => channel.stop());
    this.channels = [];
    this.logger.debug('replication channels stopped');
  }
}
