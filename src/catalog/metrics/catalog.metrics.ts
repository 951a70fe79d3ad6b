import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';
import { HTTP_DURATION_BUCKETS } from '../../shared/metrics/http-metrics';
import { METRIC_PREFIX } from '../../shared/metrics/metrics-registry';
import { one, scrapedGauge } from '../../shared/metrics/scraped';
import { InvalidationPublisher } from '../invalidation/invalidation-publisher';
import { CommittedBatch, TRADE_OUTCOME_KINDS, TradeService } from '../trades/trade.service';

/** Trades per transaction: 1 when idle, up to the trade batch limit under load. */
const BATCH_SIZE_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256];

const name = (suffix: string): string => `${METRIC_PREFIX}catalog_${suffix}`;

/**
 * The catalog's metrics: trades by outcome and the group commit's batch size and latency, counted
 * once per committed batch (from TradeService's batch event), and the outbox read at scrape time.
 */
@Injectable()
export class CatalogMetrics {
  private readonly trades: Counter<'outcome'>;
  private readonly batchSize: Histogram;
  private readonly commitLatency: Histogram;

  constructor(registry: Registry, trades: TradeService, invalidations: InvalidationPublisher) {
    this.trades = new Counter({
      name: name('trades_total'),
      help: 'Trades the catalog answered, by outcome (applied, replayed, not_enough_stock, stock_not_found, stale_epoch)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    for (const outcome of TRADE_OUTCOME_KINDS) this.trades.inc({ outcome }, 0);
    this.batchSize = new Histogram({
      name: name('trade_batch_size'),
      help: 'Trades per transaction (group commit)',
      buckets: BATCH_SIZE_BUCKETS,
      registers: [registry],
    });
    this.commitLatency = new Histogram({
      name: name('trade_commit_duration_seconds'),
      help: 'One trade transaction, from its start to its commit',
      buckets: HTTP_DURATION_BUCKETS,
      registers: [registry],
    });
    scrapedGauge({
      registry,
      name: name('invalidations_pending'),
      help: 'Changed stocks whose cache invalidation the outbox has not delivered to the frontend yet',
      read: () => one(invalidations.pending),
    });
    trades.onBatch((batch) => this.record(batch));
  }

  private record({ size, seconds, outcomes }: CommittedBatch): void {
    this.batchSize.observe(size);
    this.commitLatency.observe(seconds);
    for (const [outcome, count] of outcomes) this.trades.inc({ outcome }, count);
  }
}
