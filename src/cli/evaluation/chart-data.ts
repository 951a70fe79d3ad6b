import { REQUEST_LABELS } from '../load/load.types';
import { CacheTimeline, CrashEvent, LatencyRun, TimeBin } from './eval-results.types';

export interface LatencyPoint {
  readonly type: string;
  readonly p: number;
  readonly cache: string;
  readonly statistic: 'mean' | 'p95';
  readonly ms: number;
}

/** Mean and p95 per request type, p and cache setting (types with no requests at some p are left out). */
export function latencyPoints(runs: readonly LatencyRun[]): LatencyPoint[] {
  return runs.flatMap((run) =>
    run.latency
      .filter((row) => row.count > 0)
      .flatMap((row) =>
        (['mean', 'p95'] as const).map((statistic) => ({
          type: REQUEST_LABELS[row.kind],
          p: run.p,
          cache: `cache ${run.cache}`,
          statistic,
          ms: Number(row[statistic].toFixed(3)),
        })),
      ),
  );
}

export interface CacheCell {
  readonly t0: number;
  readonly t1: number;
  readonly stock: string;
  /** 1 = most recently used. */
  readonly rank: number;
}

/** One cell per (snapshot interval, cached stock): what the cache held from t0 to t1 (seconds). */
export function cacheCells(timeline: CacheTimeline): CacheCell[] {
  const { snapshots } = timeline;
  return snapshots.slice(0, -1).flatMap((snapshot, index) =>
    snapshot.keys.map((stock, rank) => ({
      t0: snapshot.at / 1000,
      t1: snapshots[index + 1].at / 1000,
      stock,
      rank: rank + 1,
    })),
  );
}

export function cacheCounterPoints(timeline: CacheTimeline): { t: number; counter: string; value: number }[] {
  const counters = ['hits', 'misses', 'evictions', 'invalidations'] as const;
  return timeline.snapshots.flatMap((snapshot) =>
    counters.map((counter) => ({ t: snapshot.at / 1000, counter, value: snapshot[counter] })),
  );
}

export function binPoints(bins: readonly TimeBin[], binSeconds: number) {
  return bins.map((bin) => ({
    t: bin.t,
    type: REQUEST_LABELS[bin.kind],
    maxMs: Number(bin.maxMs.toFixed(3)),
    meanMs: Number(bin.meanMs.toFixed(3)),
    perSecond: bin.count / binSeconds,
  }));
}

export function eventPoints(events: readonly CrashEvent[]) {
  return events.map((event) => ({
    t: event.at / 1000,
    kind: event.kind,
    label: `${event.kind} order-${event.replica}${event.kind === 'kill' && event.wasLeader ? ' (leader)' : ''}`,
  }));
}
