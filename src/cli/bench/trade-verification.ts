import { PlannedRequest } from './load.types';

const STOCKS = ['GameStart', 'FishCo', 'BoarCo', 'MenhirCo', 'PotionCo', 'DruidInc'];

/**
 * Sell one, then buy one, of each stock in turn: a stock's quantity never drops below its start,
 * even when runs are cut off mid-cycle, so every trade is a 200 and never a 409 however long the run.
 */
export function tradeRequests(): PlannedRequest[] {
  return STOCKS.flatMap((name) =>
    (['sell', 'buy'] as const).map((type) => ({
      method: 'POST' as const,
      path: '/orders',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, quantity: 1, type }),
    })),
  );
}

/** `count` GET /orders/{n} requests spread evenly over the numbers 0..lastNumber. */
export function orderQueryRequests(lastNumber: number, count = 500): PlannedRequest[] {
  if (lastNumber < 0) throw new Error('no orders to query');
  const paths = Math.min(count, lastNumber + 1);
  const step = (lastNumber + 1) / paths;
  return Array.from({ length: paths }, (_, i) => ({
    method: 'GET' as const,
    path: `/orders/${Math.min(lastNumber, Math.floor(i * step))}`,
  }));
}

export interface TradeCheck {
  readonly logGrowth: number;
  readonly followersCaughtUp: boolean;
  readonly verified: boolean;
}

/**
 * A trade run is sound when every 2xx grew the leader's log by exactly one order and every
 * follower reached the leader's last number.
 */
export function checkTradeRun(
  ok: number,
  leaderBefore: number,
  leaderAfter: number,
  followers: readonly number[],
): TradeCheck {
  const logGrowth = leaderAfter - leaderBefore;
  const followersCaughtUp = followers.every((lastNumber) => lastNumber === leaderAfter);
  return { logGrowth, followersCaughtUp, verified: followersCaughtUp && logGrowth === ok };
}

/** How many requests a measured run needs to last about `durationSec` at the warm-up's pace. */
export function amountFor(warmupRps: number, durationSec: number, connections: number): number {
  const wanted = Math.round(warmupRps * durationSec);
  return Math.max(wanted, connections * 5);
}

/** The next fill step: what is still missing to `target`, in steps of about a tenth of it (progress lines). */
export function nextFillAmount(ordersInLog: number, target: number, steps = 10): number {
  const missing = target - ordersInLog;
  return missing <= 0 ? 0 : Math.min(missing, Math.ceil(target / steps));
}
