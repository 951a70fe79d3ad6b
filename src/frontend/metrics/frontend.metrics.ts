import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { HttpMetrics } from '../../shared/metrics/http-metrics';
import { METRIC_PREFIX } from '../../shared/metrics/metrics-registry';
import { one, scrapedCounter, scrapedGauge } from '../../shared/metrics/scraped';
import { StockCacheService } from '../cache/stock-cache.service';
import { ElectionEvent, LeaderElection } from '../election/leader-election.service';
import { TRADE_OUTCOMES, tradeOutcome } from './trade-outcome';

/** The public trade route, as the HTTP histogram labels it. */
const TRADE_ROUTE = ['POST', '/orders'] as const;

const name = (suffix: string): string => `${METRIC_PREFIX}frontend_${suffix}`;

/**
 * The frontend's metrics. Cache figures and the leader are read from the cache and the election
 * when Prometheus scrapes; trades are counted from the responses of `POST /orders`; elections and
 * failover retries from the election's events. Nothing is added to the lookup path.
 */
@Injectable()
export class FrontendMetrics {
  private readonly trades: Counter<'outcome'>;
  private readonly elections: Counter<'result'>;
  private readonly failoverRetries: Counter;
  private readonly heartbeatFailures: Counter;

  constructor(registry: Registry, http: HttpMetrics, cache: StockCacheService, election: LeaderElection) {
    const counter = <L extends string>(suffix: string, help: string, labelNames: L[] = []) =>
      new Counter<L>({ name: name(suffix), help, labelNames, registers: [registry] });
    this.trades = counter('trades_total', 'Answers to POST /orders, by outcome (ok, a 4xx reason, unavailable)', [
      'outcome',
    ]);
    for (const outcome of Object.values(TRADE_OUTCOMES)) this.trades.inc({ outcome }, 0);
    this.elections = counter('elections_total', 'Leader elections, by result (won, failed: no replica could lead)', [
      'result',
    ]);
    for (const result of ['won', 'failed']) this.elections.inc({ result }, 0);
    this.failoverRetries = counter(
      'failover_retries_total',
      'Requests retried on a new leader after the old one failed',
    );
    this.heartbeatFailures = counter('leader_heartbeat_failures_total', 'Heartbeats the leader failed (then replaced)');
    this.cacheMetrics(registry, cache);
    scrapedGauge({
      registry,
      name: name('leader_id'),
      help: 'The order replica this frontend sends trades to (0: none known)',
      read: () => one(election.leadership?.replica.id ?? 0),
    });
    scrapedGauge({
      registry,
      name: name('leader_epoch'),
      help: 'The epoch of that leadership (0: none known)',
      read: () => one(election.leadership?.epoch ?? 0),
    });
    http.watch(...TRADE_ROUTE, (status) => this.trades.inc({ outcome: tradeOutcome(status) }));
    election.onEvent((event) => this.onElection(event));
  }

  private cacheMetrics(registry: Registry, cache: StockCacheService): void {
    scrapedCounter({
      registry,
      name: name('lookups_total'),
      help: 'Stock lookups (GET /stocks/{name}), by result: hit (from the cache) or miss (from the catalog)',
      labelNames: ['result'],
      read: () => {
        const { hits, misses } = cache.snapshot();
        return [
          [{ result: 'hit' }, hits],
          [{ result: 'miss' }, misses],
        ];
      },
    });
    const counter = (suffix: string, help: string, read: () => number) =>
      scrapedCounter({ registry, name: name(suffix), help, read: () => one(read()) });
    const gauge = (suffix: string, help: string, read: () => number) =>
      scrapedGauge({ registry, name: name(suffix), help, read: () => one(read()) });
    counter('cache_evictions_total', 'Entries pushed out of the LRU to make room', () => cache.snapshot().evictions);
    counter(
      'cache_invalidations_total',
      'Cached entries dropped because the stock changed',
      () => cache.snapshot().invalidations,
    );
    gauge('cache_entries', 'Stocks in the cache now', () => cache.snapshot().keys.length);
    gauge('cache_capacity', 'The capacity of the cache in entries (CACHE_SIZE)', () => cache.snapshot().capacity);
  }

  private onElection(event: ElectionEvent): void {
    switch (event.kind) {
      case 'elected':
        this.elections.inc({ result: 'won' });
        return;
      case 'election-failed':
        this.elections.inc({ result: 'failed' });
        return;
      case 'failover-retry':
        this.failoverRetries.inc();
        return;
      case 'heartbeat-failed':
        this.heartbeatFailures.inc();
        return;
    }
  }
}
