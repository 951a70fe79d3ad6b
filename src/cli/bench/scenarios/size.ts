import { performance } from 'node:perf_hooks';
import { BenchCluster } from '../bench-cluster';
import { BenchContext } from '../bench-context';
import { SizeResults, TradeRun } from '../bench-results.types';
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

/**
 * h) Flat with size: the log is filled to `sizeOrders` orders with the trade mix of the trade runs
 * (50 clients), then 50-client trades are measured exactly as on the fresh cluster and compared.
 */
export async function sizeScenario(
  ctx: BenchContext,
  cluster: BenchCluster,
  rss: Map<string, number>,
  fresh: TradeRun | undefined,
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
  const ratioToFresh = fresh && fresh.rps > 0 ? run.rps / fresh.rps : undefined;
  const ratio = ratioToFresh === undefined ? 'no fresh run to compare' : `${ratioToFresh.toFixed(2)}× the fresh run`;
  ctx.progress(`size: with ${count(ordersInLog)} orders in the log, ${Math.round(run.rps)} trades/s, ${ratio}`);
  return {
    targetOrders,
    ordersBefore,
    ordersInLog,
    filled: ordersInLog >= targetOrders,
    fillTrades,
    fillMs,
    run,
    ratioToFresh,
  };
}
