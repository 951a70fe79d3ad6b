import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Histogram, Registry } from 'prom-client';
import { HTTP_DURATION_BUCKETS } from '../../shared/metrics/http-metrics';
import { METRIC_PREFIX } from '../../shared/metrics/metrics-registry';
import { one, scrapedCounter, scrapedGauge } from '../../shared/metrics/scraped';
import { OrderLogRepository } from '../log/order-log.repository';
import { LogSync } from '../replication/log-sync.service';
import { ReplicaState } from '../replication/replica-state';
import { ReplicationService } from '../replication/replication.service';

export const REPLICA_ROLES = ['leader', 'follower', 'catching_up'] as const;
export type ReplicaRole = (typeof REPLICA_ROLES)[number];

function roleOf(state: Pick<ReplicaState, 'ready' | 'leading'>): ReplicaRole {
  if (!state.ready) return 'catching_up';
  return state.leading ? 'leader' : 'follower';
}

const name = (suffix: string): string => `${METRIC_PREFIX}replica_${suffix}`;

/**
 * An order replica's metrics. Everything but the append latency is read from ReplicaState, the
 * log, replication and catch-up when Prometheus scrapes; the write path does nothing for them.
 */
@Injectable()
export class ReplicaMetrics implements OnApplicationBootstrap {
  /** The commit number this process started with: orders committed since are counted. */
  private commitAtStart = -1;

  constructor(
    registry: Registry,
    private readonly state: ReplicaState,
    log: OrderLogRepository,
    replication: ReplicationService,
    sync: LogSync,
  ) {
    const gauge = (suffix: string, help: string, read: () => number) =>
      scrapedGauge({ registry, name: name(suffix), help, read: () => one(read()) });
    scrapedGauge({
      registry,
      name: name('role'),
      help: 'What this replica does now: 1 for its role (leader, follower or catching_up), 0 for the others',
      labelNames: ['role'],
      read: () => REPLICA_ROLES.map((role) => [{ role }, role === roleOf(state) ? 1 : 0] as const),
    });
    gauge('epoch', 'The highest leadership epoch this replica has seen', () => state.epoch);
    gauge('leader_id', 'The replica it knows to lead that epoch (0: none yet)', () => state.leaderId);
    gauge('commit_number', 'Every entry up to this number is on a majority (-1: none)', () => state.commitNumber);
    scrapedGauge({
      registry,
      name: name('last_number'),
      help: 'The number of the last entry in the log of this replica (-1: empty)',
      read: async () => one((await log.lastPosition()).number),
    });
    scrapedGauge({
      registry,
      name: name('follower_match_number'),
      help: 'Leader only: the highest number each follower is known to hold',
      labelNames: ['follower'],
      read: () => replication.followers().map((f) => [{ follower: f.id }, f.matchNumber] as const),
    });
    scrapedGauge({
      registry,
      name: name('follower_reachable'),
      help: 'Leader only: 1 while appends to the follower succeed, 0 while they fail',
      labelNames: ['follower'],
      read: () => replication.followers().map((f) => [{ follower: f.id }, f.reachable ? 1 : 0] as const),
    });
    scrapedCounter({
      registry,
      name: name('orders_committed_total'),
      help: 'Orders this replica learned are committed (on a majority) since it started',
      read: () => one(Math.max(0, state.commitNumber - this.commitAtStart)),
    });
    scrapedCounter({
      registry,
      name: name('catch_up_entries_total'),
      help: 'Log entries copied from a peer, on start (catch-up) and before leading (takeover)',
      read: () => one(sync.entriesCopied),
    });
    const appendLatency = new Histogram<'follower'>({
      name: name('append_duration_seconds'),
      help: 'Leader only: round trip of one append (a batch of entries, or a heartbeat) to each follower',
      labelNames: ['follower'],
      buckets: HTTP_DURATION_BUCKETS,
      registers: [registry],
    });
    replication.onAppend((follower, seconds) => appendLatency.observe({ follower }, seconds));
  }

  onApplicationBootstrap(): void {
    this.commitAtStart = this.state.commitNumber;
  }
}
