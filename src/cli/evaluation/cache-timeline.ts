import { setTimeout as sleep } from 'node:timers/promises';
import { runLoad } from '../load/load-run';
import { EvalCluster } from './eval-cluster';
import { EvalPlan } from './eval-options';
import { CacheTimeline, TimedCacheSnapshot } from './eval-results.types';
import { LOAD_DEFAULTS, Say } from './latency-experiment';

/** Polls `GET /cache` of a small cache while clients run, to show what it holds over time. */
export async function runCacheTimeline(plan: EvalPlan, seed: number, say: Say): Promise<CacheTimeline> {
  const { cacheSize, p, iterations, pollMs } = plan.timeline;
  say(`cache timeline: starting a cluster with CACHE_SIZE=${cacheSize}`);
  const cluster = await EvalCluster.start({ cacheEnabled: true, cacheSize });
  const snapshots: TimedCacheSnapshot[] = [];
  let running = true;
  let stockCount = 0;
  try {
    const started = Date.now();
    const poll = async (): Promise<void> => {
      while (running) {
        const snapshot = await cluster.cache();
        snapshots.push({ ...snapshot, at: Date.now() - started });
        await sleep(pollMs);
      }
    };
    const polling = poll();
    try {
      const result = await runLoad({
        ...LOAD_DEFAULTS,
        url: cluster.frontendUrl,
        clients: plan.clients,
        iterations,
        p,
        seed,
      });
      stockCount = result.stocks.length;
    } finally {
      running = false;
      await polling;
    }
    snapshots.push({ ...(await cluster.cache()), at: Date.now() - started });
  } finally {
    await cluster.stop();
  }
  const last = snapshots[snapshots.length - 1];
  say(
    `cache timeline: ${snapshots.length} snapshots, ${last.hits} hits, ${last.misses} misses, ${last.evictions} evictions`,
  );
  return { capacity: cacheSize, stockCount, p, snapshots };
}
