import { setTimeout as sleep } from 'node:timers/promises';
import { JsonHttpClient, JsonResponse } from '../load/json-http';
import { TradeRecord } from './chaos.types';
import { OrderAnswer, Replay } from './invariants.types';

const ATTEMPTS = 10;
const PARALLEL = 4;

/** Sends until the answer is not a 5xx or a missing answer, at most ATTEMPTS times. */
async function definite(send: () => Promise<JsonResponse>): Promise<JsonResponse> {
  let response = await send();
  for (let attempt = 1; attempt < ATTEMPTS && (response.status === 0 || response.status >= 500); attempt += 1) {
    await sleep(100 * attempt);
    response = await send();
  }
  return response;
}

function describe(response: JsonResponse): string {
  return response.status === 0
    ? `no answer (${response.error ?? 'unknown'})`
    : `${response.status} ${JSON.stringify(response.body)}`;
}

/** Runs `work` over `items` on PARALLEL kept-alive connections to `baseUrl`. */
async function onConnections<T>(
  baseUrl: string,
  items: readonly T[],
  work: (http: JsonHttpClient, item: T) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      const http = new JsonHttpClient(baseUrl, { timeoutMs: 10_000 });
      try {
        while (next < items.length) await work(http, items[next++]);
      } finally {
        http.close();
      }
    }),
  );
}

/** `GET /orders/{n}` through the frontend for every acknowledged number. */
export async function lookUpOrders(frontendUrl: string, numbers: readonly number[]): Promise<Map<number, OrderAnswer>> {
  const answers = new Map<number, OrderAnswer>();
  await onConnections(frontendUrl, numbers, async (http, number) => {
    const response = await definite(() => http.send('GET', `/orders/${number}`));
    const data = (response.body as { data?: OrderAnswer & { number?: number } } | undefined)?.data;
    if (response.status !== 200 || !data || data.number !== number) answers.set(number, { error: describe(response) });
    else answers.set(number, data);
  });
  return answers;
}

/** Sends up to `count` acknowledged keys again (spread over the run): each must get its number back. */
export async function replayKeys(
  frontendUrl: string,
  trades: readonly TradeRecord[],
  count: number,
): Promise<Replay[]> {
  const acknowledged = trades.filter((trade) => trade.outcome === 'acknowledged');
  const step = Math.max(1, Math.floor(acknowledged.length / count));
  const chosen = acknowledged.filter((_, index) => index % step === 0).slice(0, count);
  const replays: Replay[] = [];
  await onConnections(frontendUrl, chosen, async (http, trade) => {
    const body = { name: trade.name, type: trade.type, quantity: trade.quantity };
    const response = await definite(() => http.send('POST', '/orders', body, { 'idempotency-key': trade.key }));
    const replayed = (response.body as { data?: { transaction_number?: number } } | undefined)?.data
      ?.transaction_number;
    const number = trade.number ?? -1;
    replays.push(
      response.status === 200 && typeof replayed === 'number'
        ? { key: trade.key, number, replayed }
        : { key: trade.key, number, error: describe(response) },
    );
  });
  return replays;
}
