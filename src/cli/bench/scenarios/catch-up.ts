import { BenchCluster } from '../bench-cluster';
import { BenchContext, mergePeaks } from '../bench-context';
import { CatchUpResults } from '../bench-results.types';
import { tradeRequests } from '../trade-verification';
import { quiesce } from './trades';

const INSERT_CONNECTIONS = 50;

/**
 * f) A follower is killed, `catchUpOrders` trades are placed without it, and it is started again:
 * start → /health 200 is the catch-up time. A second restart with nothing missed gives boot time alone.
 */
export async function catchUpScenario(
  ctx: BenchContext,
  cluster: BenchCluster,
  rss: Map<string, number>,
): Promise<CatchUpResults> {
  await quiesce(cluster);
  const leaderId = await cluster.leaderId();
  const replicaId = Math.min(...cluster.replicaIds.filter((id) => id !== leaderId));
  const lagging = cluster.replica(replicaId);
  await lagging.kill('SIGKILL');

  const orders = ctx.sizes.catchUpOrders;
  ctx.progress(`catch-up: order-${replicaId} down, placing ${orders} trades with ${INSERT_CONNECTIONS} clients`);
  const plan = { url: cluster.frontendUrl, connections: INSERT_CONNECTIONS, amount: orders, requests: tradeRequests() };
  const { result, rss: peaks } = await ctx.sampled(plan, () => cluster.pids());
  mergePeaks(rss, peaks);
  if (result.ok < orders) {
    const failures = { ...result.statusCodes, errors: result.errors };
    ctx.progress(`catch-up: ${orders - result.ok} of the trades failed: ${JSON.stringify(failures)}`);
  }
  const leaderLast = await quiesce(cluster);

  const catchUpMs = await cluster.startMember(lagging);
  const caughtUp = (await cluster.status(replicaId)).lastNumber >= leaderLast;
  ctx.progress(
    `catch-up: order-${replicaId} missed ${result.ok} orders, healthy ${catchUpMs.toFixed(0)} ms after its start`,
  );

  await lagging.stop();
  const bootOnlyMs = await cluster.startMember(lagging);
  ctx.progress(`catch-up: the same replica with nothing to catch up: healthy after ${bootOnlyMs.toFixed(0)} ms`);
  return { replica: replicaId, missedOrders: result.ok, insertRps: result.rps, catchUpMs, bootOnlyMs, caughtUp };
}
