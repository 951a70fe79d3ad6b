import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { ReplicaClient } from '../../shared/clients/replica.client';
import { NoQuorumError, NotLeaderError } from '../../shared/errors';
import { OrderLogRepository } from '../order-log.repository';
import { FollowerChannel } from './follower-channel';
import { majorityMatch } from './log-rules';
import { ReplicaState } from './replica-state';

/** How long a new order may wait for a majority before the client is told to retry. */
export const COMMIT_TIMEOUT_MS = 1500;
const HEARTBEAT_JOB = 'replication-heartbeat';

interface Waiter {
  number: number;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * The leader's side of replication: one channel per follower, and the commit point — the
 * highest number a majority (this replica included) holds durably. An order is acknowledged
 * only once the commit point reaches it.
 */
@Injectable()
export class ReplicationService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReplicationService.name);
  private channels: FollowerChannel[] = [];
  private waiters: Waiter[] = [];
  private localLast = -1;

  constructor(
    private readonly state: ReplicaState,
    private readonly client: ReplicaClient,
    private readonly log: OrderLogRepository,
    private readonly scheduler: SchedulerRegistry,
    private readonly config: AppConfig,
  ) {}

  /** Heartbeats to the followers every HEARTBEAT_MS while leading (a no-op otherwise). */
  onApplicationBootstrap(): void {
    const beat = () => this.channels.forEach((channel) => channel.heartbeat());
    this.scheduler.addInterval(HEARTBEAT_JOB, setInterval(beat, this.config.heartbeatMs));
  }

  /** Refuses new work up front when too few followers answer to ever commit it. */
  assertQuorum(): void {
    if (!this.quorumReachable()) throw new NoQuorumError();
  }

  /**
   * Starts shipping the log to every follower, from `firstNumber` on: the re-stamped tail is sent
   * to everyone once, so that all logs end up identical, epoch stamps included.
   */
  async start(firstNumber: number): Promise<void> {
    this.stopChannels();
    this.localLast = (await this.log.lastPosition()).number;
    const listener = {
      progressed: () => this.progressed(),
      deposed: (reason: string) => this.stop(reason),
    };
    this.channels = this.state.peers.map(
      (peer) => new FollowerChannel(peer, this.client, this.log, this.state, listener, firstNumber),
    );
    this.channels.forEach((channel) => channel.poke());
  }

  /** Steps down: stops the channels and fails every waiting order with NotLeaderError. */
  stop(reason: string): void {
    this.state.stopLeading(reason);
    this.stopChannels();
    this.rejectAll(new NotLeaderError(this.state.id));
  }

  /** A new entry is durable in the local log: ship it. */
  appended(number: number): void {
    this.localLast = Math.max(this.localLast, number);
    this.channels.forEach((channel) => channel.poke());
  }

  /** Resolves once `number` is on a majority; NoQuorumError when that cannot happen soon. */
  waitCommitted(number: number): Promise<void> {
    if (number <= this.state.commitNumber) return Promise.resolve();
    if (!this.state.leading) return Promise.reject(new NotLeaderError(this.state.id));
    if (!this.quorumReachable()) return Promise.reject(new NoQuorumError());
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => this.settle(waiter, new NoQuorumError()), COMMIT_TIMEOUT_MS);
      const waiter: Waiter = { number, resolve, reject, timer };
      this.waiters.push(waiter);
    });
  }

  onModuleDestroy(): void {
    this.stopChannels();
  }

  private progressed(): void {
    const commit = majorityMatch([this.localLast, ...this.channels.map((c) => c.matchNumber)], this.state.majority);
    if (commit > this.state.commitNumber) {
      this.state.noteCommitted(commit);
      this.channels.forEach((channel) => channel.poke());
    }
    for (const waiter of [...this.waiters]) {
      if (waiter.number <= this.state.commitNumber) this.settle(waiter);
    }
    if (!this.quorumReachable()) this.rejectAll(new NoQuorumError());
  }

  private quorumReachable(): boolean {
    return 1 + this.channels.filter((channel) => channel.healthy).length >= this.state.majority;
  }

  private settle(waiter: Waiter, error?: Error): void {
    clearTimeout(waiter.timer);
    this.waiters = this.waiters.filter((w) => w !== waiter);
    if (error) waiter.reject(error);
    else waiter.resolve();
  }

  private rejectAll(error: Error): void {
    for (const waiter of [...this.waiters]) this.settle(waiter, error);
  }

  private stopChannels(): void {
    this.channels.forEach((channel) => channel.stop());
    this.channels = [];
    this.logger.debug('replication channels stopped');
  }
}
