import { runLoad } from '../load/load-run';
import { verificationPassed } from '../load/load.types';
import { DEFAULT_RETRY_POLICY } from '../load/retry-policy';
import { summarizeByKind } from '../load/run-summary';
import { EvalCluster } from './eval-cluster';
import { EvalPlan } from './eval-options';
import { CacheSnapshot, LatencyRun } from './eval-results.types';

export type Say = (line: string) => void;

export const LOAD_DEFAULTS = { retry: DEFAULT_RETRY_POLICY, maxTradeQuantity: 5, requestTimeoutMs: 15_000 };

function hitRatio(before: CacheSnapshot, after: CacheSnapshot): number | undefined {
  const hits = after.hits - before.hits;
  const lookups = hits + after.misses - before.misses;
  return lookups > 0 ? hits / lookups : undefined;
}

/** One cluster per cache setting; in it, one load run per p (in the order given). */
export async function runLatencyExperiment(plan: EvalPlan, seed: number, say: Say): Promise<LatencyRun[]> {
  const runs: LatencyRun[] = [];
  for (const cache of ['on', 'off'] as const) {
    say(`latency: starting a cluster with the cache ${cache}`);
    const cluster = await EvalCluster.start({ cacheEnabled: cache === 'on', cacheSize: plan.latencyCacheSize });
    try {
      for (const p of plan.pValues) {
        const before = cache === 'on' ? await cluster.cache() : undefined;
        const result = await runLoad({
          ...LOAD_DEFAULTS,
          url: cluster.frontendUrl,
          clients: plan.clients,
          iterations: plan.iterations,
          p,
          seed: seed + Math.round(p * 100),
        });
        const after = cache === 'on' ? await cluster.cache() : undefined;
        const run: LatencyRun = {
          cache,
          p,
          durationMs: result.loadDurationMs,
          latency: summarizeByKind(result.samples),
          placed: result.orders.length,
          refused: result.rejected,
          verification: { ...result.verification, passed: verificationPassed(result.verification) },
          hitRatio: before && after ? hitRatio(before, after) : undefined,
        };
        runs.push(run);
        const [lookup, trade] = run.latency;
        say(
          `latency: cache ${cache}, p ${p}: lookup mean ${lookup.mean.toFixed(1)} ms, trade mean ` +
            `${trade.count ? trade.mean.toFixed(1) : '-'} ms, verification ${run.verification.passed ? 'PASS' : 'FAIL'}`,
        );
      }
    } finally {
      await cluster.stop();
    }
  }
  return runs;
}
