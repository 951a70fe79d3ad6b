import { setTimeout as sleep } from 'node:timers/promises';
import { BenchCluster } from '../bench-cluster';
import { BenchContext, describeThroughput, mergePeaks, rssRecord, throughputOf } from '../bench-context';
import { CpuCost, Throughput, TradeRun } from '../bench-results.types';
import { amountFor, checkTradeRun, orderQueryRequests, tradeRequests } from '../trade-verification';

/**
 * Waits until the replicas agree on one log and it stays unchanged for a moment: a warm-up's
 * last requests may still be executing after its connections closed.
 */
export async function quiesce(cluster: BenchCluster): Promise<number> {
  for (;;) {
    const first = await cluster.settled();
    await sleep(300);
    if ((await cluster.settled()) === first) return first;
  }
}

async function lastNumbers(cluster: BenchCluster, leaderId: number): Promise<{ leader: number; followers: number[] }> {
  const statuses = await cluster.statuses();
  return {
    leader: statuses.find((status) => status.id === leaderId)?.lastNumber ?? NaN,
    followers: statuses.filter((status) => status.id !== leaderId).map((status) => status.lastNumber),
  };
}

function describeCpu(cpu: CpuCost | undefined): string {
  if (cpu === undefined) return 'CPU not measured';
  const parts = Object.entries(cpu.byProcessMs).map(([name, ms]) => `${name} ${ms.toFixed(2)}`);
  return `CPU ${cpu.perRequestMs.toFixed(2)} ms/trade (${parts.join(', ')}; ±${cpu.resolutionMs.toFixed(2)})`;
}

/**
 * One measured trade run: a warm-up of a fixed number of trades, then a fixed number of measured
 * ones, the log check and the CPU per trade.
 */
export async function tradeRun(
  ctx: BenchContext,
  cluster: BenchCluster,
  clients: number,
  rss: Map<string, number>,
  label = `trades with ${clients} client${clients === 1 ? '' : 's'}`,
): Promise<TradeRun> {
  const plan = { url: cluster.frontendUrl, connections: clients, requests: tradeRequests() };
  const warmup = await ctx.load({ ...plan, amount: ctx.sizes.tradeWarmupTrades });
  const before = await quiesce(cluster);
  const leaderId = await cluster.leaderId();
  // A fixed number of requests, so that none is cut off in flight and the count can be checked.
  const amount = amountFor(warmup.rps, ctx.sizes.durationSec, clients);
  const settled = (): Promise<number> => cluster.settled();
  const { result, rss: peaks, cpu } = await ctx.sampled({ ...plan, amount }, () => cluster.pids(), settled);
  mergePeaks(rss, peaks);
  const after = await lastNumbers(cluster, leaderId);
  const check = checkTradeRun(result.ok, before, after.leader, after.followers);
  const run: TradeRun = {
    ...throughputOf(result, cpu),
    ...check,
    ordersBefore: before + 1,
    peakRssMb: rssRecord(peaks),
  };
  const verdict = check.verified
    ? 'verified'
    : `NOT verified (2xx ${result.ok}, log growth ${check.logGrowth}, followers ${after.followers.join('/')} vs ${after.leader})`;
  ctx.progress(`${label}: ${describeThroughput({ ...run, cpu: undefined })}; ${verdict}`);
  ctx.progress(`${label}: ${describeCpu(cpu)}`);
  return run;
}

/** c) trades at each client count, each run checked against the replicated log. */
export async function tradeScenario(
  ctx: BenchContext,
  cluster: BenchCluster,
  rss: Map<string, number>,
): Promise<TradeRun[]> {
  const runs: TradeRun[] = [];
  for (const clients of ctx.sizes.tradeClients) runs.push(await tradeRun(ctx, cluster, clients, rss));
  return runs;
}

/** d) GET /orders/{n} over numbers that exist (placing some trades first when there are none). */
export async function orderQueryScenario(
  ctx: BenchContext,
  cluster: BenchCluster,
  rss: Map<string, number>,
): Promise<Throughput> {
  let lastNumber = await quiesce(cluster);
  if (lastNumber < 99) {
    await ctx.load({ url: cluster.frontendUrl, connections: 10, amount: 200, requests: tradeRequests() });
    lastNumber = await quiesce(cluster);
  }
  const plan = {
    url: cluster.frontendUrl,
    connections: ctx.sizes.readConnections,
    durationSec: ctx.sizes.durationSec,
    requests: orderQueryRequests(lastNumber),
  };
  const { result, rss: peaks, cpu } = await ctx.measure(plan, () => cluster.pids());
  mergePeaks(rss, peaks);
  const figures = throughputOf(result, cpu);
  ctx.progress(`order queries over ${lastNumber + 1} orders: ${describeThroughput(figures)}`);
  return figures;
}
