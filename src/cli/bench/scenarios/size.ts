import { performance } from 'node:perf_hooks';
import { HttpAdapterName } from '../../../config/app-config';
import { alternate, chunkRate, Contender } from '../alternation';
import { BenchCluster } from '../bench-cluster';
import { BenchContext } from '../bench-context';
import { AlternationSide, SizeAlternation, SizeResults, TradeRun } from '../bench-results.types';
import { totalMs } from '../duel-figures';
import { median } from '../latency-figures';
import { nextFillAmount, tradeRequests } from '../trade-verification';
import { quiesce, tradeRun } from './trades';

const CLIENTS = 50;
const count = (value: number): string => value.toLocaleString('en-US');

/** Places trades through the public API until the log holds `target` orders; answers the 2xx count. */
async function fill(ctx: BenchContext, cluster: BenchCluster, target: number, ordersInLog: number): Promise<number> {
  let placed = 0;
  let inLog = ordersInLog;
  const started = performance.now();
  for (let amount = nextFillAmount(inLog, target); amount > 0; amount = nextFillAmount(inLog, target)) {
    const result = await ctx.load({
      url: cluster.frontendUrl,
      // The last step may be smaller than the client count, and autocannon needs amount ≥ connections.
      connections: Math.min(CLIENTS, amount),
      amount,
      requests: tradeRequests(),
    });
    if (result.ok === 0) throw new Error(`filling the log: no trade succeeded (${JSON.stringify(result.statusCodes)})`);
    placed += result.ok;
    inLog = (await cluster.settled()) + 1;
    const rate = (placed * 1000) / (performance.now() - started);
    ctx.progress(
      `size: ${count(inLog)} of ${count(target)} orders in the log (filling at ${Math.round(rate)} trades/s)`,
    );
  }
  return placed;
}

function sideOf(contender: Contender, ordersBefore: number): AlternationSide {
  const trades = contender.chunks.reduce((sum, chunk) => sum + chunk.requests, 0);
  const cpuMs = contender.chunks.reduce((sum, chunk) => sum + totalMs(chunk.cpuMs), 0);
  return { ordersBefore, trades, tradesPerSec: chunkRate(contender.chunks), cpuMsPerTrade: cpuMs / trades };
}

/**
 * The filled cluster against a fresh one of the same build, started beside it and warmed up, in
 * alternating chunks of 50-client trades: runs minutes apart measured the host's drifting speed as
 * much as the log's size (docs/PERFORMANCE.md, target 4).
 */
async function againstFresh(
  ctx: BenchContext,
  adapter: HttpAdapterName,
  filledCluster: BenchCluster,
): Promise<SizeAlternation> {
  const { sizeChunks: pairs, sizeChunkTrades: trades, tradeWarmupTrades } = ctx.sizes;
  ctx.progress('size: starting a fresh cluster to alternate with the filled one');
  const freshCluster = await BenchCluster.start(ctx.clusterSettings(adapter));
  const forget = ctx.onAbort(() => freshCluster.killNow());
  try {
    ctx.progress(`size: warming the fresh cluster up with ${count(tradeWarmupTrades)} trades`);
    await ctx.load({
      url: freshCluster.frontendUrl,
      connections: CLIENTS,
      amount: tradeWarmupTrades,
      requests: tradeRequests(),
    });
    const filled: Contender = { label: 'filled', cluster: filledCluster, chunks: [] };
    const fresh: Contender = { label: 'fresh', cluster: freshCluster, chunks: [] };
    const [filledBefore, freshBefore] = await Promise.all([quiesce(filledCluster), quiesce(freshCluster)]);
    await alternate(ctx, [filled, fresh], { pairs, clients: CLIENTS, requests: trades }, (pair, contender, chunk) => {
      const rate = Math.round((chunk.requests * 1000) / chunk.wallMs);
      ctx.progress(`size: chunk ${pair + 1} of ${pairs}, ${contender.label} cluster: ${count(rate)} trades/s`);
    });
    const pairRatios = filled.chunks.map((chunk, i) => chunkRate([chunk]) / chunkRate([fresh.chunks[i]]));
    return {
      pairs,
      chunkTrades: trades,
      filled: sideOf(filled, filledBefore + 1),
      fresh: sideOf(fresh, freshBefore + 1),
      pairRatios,
    };
  } finally {
    ctx.progress('size: stopping the fresh cluster');
    await freshCluster.stop();
    forget();
  }
}

/**
 * h) Flat with size: the log is filled to `sizeOrders` orders with the trade mix of the trade runs
 * (50 clients); 50-client trades are measured on it exactly as on the fresh cluster, then against a
 * fresh cluster in alternating chunks.
 */
export async function sizeScenario(
  ctx: BenchContext,
  adapter: HttpAdapterName,
  cluster: BenchCluster,
  rss: Map<string, number>,
  freshRun: TradeRun | undefined,
): Promise<SizeResults> {
  const targetOrders = ctx.sizes.sizeOrders;
  const ordersBefore = (await quiesce(cluster)) + 1;
  const plan = ordersBefore >= targetOrders ? 'no fill needed' : `filling to ${count(targetOrders)}`;
  ctx.progress(`size: ${count(ordersBefore)} orders in the log, ${plan}`);
  const started = performance.now();
  const fillTrades = await fill(ctx, cluster, targetOrders, ordersBefore);
  const fillMs = performance.now() - started;
  const ordersInLog = (await quiesce(cluster)) + 1;
  const run = await tradeRun(ctx, cluster, CLIENTS, rss, `size: trades with ${CLIENTS} clients`);
  const alternation = await againstFresh(ctx, adapter, cluster);
  // Pair by pair: a slow spell of the host that hits one chunk moves only that pair's ratio.
  const ratioToFresh = median(alternation.pairRatios);
  const sequentialRatio = freshRun && freshRun.rps > 0 ? run.rps / freshRun.rps : undefined;
  ctx.progress(
    `size: with ${count(alternation.filled.ordersBefore)} orders in the log ${count(Math.round(alternation.filled.tradesPerSec))} trades/s, ` +
      `with ${count(alternation.fresh.ordersBefore)} ${count(Math.round(alternation.fresh.tradesPerSec))}; pair by pair the median is ${ratioToFresh.toFixed(2)}× the fresh cluster`,
  );
  return {
    targetOrders,
    ordersBefore,
    ordersInLog,
    filled: ordersInLog >= targetOrders,
    fillTrades,
    fillMs,
    run,
    alternation,
    ratioToFresh,
    sequentialRatio,
  };
}
