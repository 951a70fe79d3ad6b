import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CONNECTION_LOST } from '../../../src/cli/chaos/chaos-clients';
import { http, HttpResponse } from './http.client';
import { TradeOutcome } from './trading-clients';

/** One request that got no HTTP answer, or an answer other than 200. */
export interface FailedRequest {
  readonly frontend: string;
  readonly what: string;
  /** The HTTP status, or 0 for no answer. */
  readonly status: number;
  readonly detail: string;
  readonly at: number;
  /** No answer because the connection was refused or dropped (the frontend is down). */
  readonly connectionError: boolean;
}

/** Once every frontend refused in a row, the pause before the next round of them. */
const ALL_GONE_PAUSE_MS = 50;

/**
 * `clients` loops over `frontends` (client i starts on frontend i mod n) that trade one unit
 * (alternating buy and sell, so no stock runs out), then look the stock up. A request that finds
 * its frontend gone (connection refused or dropped) is sent again, with the same Idempotency-Key,
 * to the next frontend, and the client stays there. Every answer that is not a 200 is recorded.
 */
export function tradeAcrossFrontends(frontends: readonly string[], clients: number, stocks: readonly string[]) {
  const outcomes: TradeOutcome[] = [];
  const failures: FailedRequest[] = [];
  let running = true;
  /** The 200 answer, or the last failure (a connection error moves on to the next frontend first). */
  const send = async (client: { at: number }, what: string, method: string, path: string, options = {}) => {
    for (let refused = 0; ;) {
      const frontend = frontends[client.at % frontends.length];
      // Node's errors come from outside Jest's realm: no `instanceof Error` here.
      const res: HttpResponse | { error: string } = await http(method, `${frontend}${path}`, {
        timeoutMs: 15_000,
        ...options,
      }).catch((error: { message?: string }) => ({ error: error?.message ?? 'no answer' }));
      if ('status' in res && res.status === 200) return res;
      const connectionError = 'error' in res && CONNECTION_LOST.test(res.error);
      const [status, detail] = 'error' in res ? [0, res.error] : [res.status, JSON.stringify(res.body)];
      failures.push({ frontend, what, status, detail, at: Date.now(), connectionError });
      if (!connectionError) return res;
      client.at += 1;
      refused += 1;
      if (refused % frontends.length === 0) await sleep(ALL_GONE_PAUSE_MS);
    }
  };
  const loops = Array.from({ length: clients }, async (_, index) => {
    const client = { at: index };
    for (let round = 0; running; round += 1) {
      const name = stocks[(index + round) % stocks.length];
      const type = round % 2 === 0 ? 'buy' : 'sell';
      const body = { name, type, quantity: 1 };
      const headers = { 'idempotency-key': randomUUID() };
      const res = await send(client, `${type} ${name}`, 'POST', '/orders', { body, headers });
      const answer = 'status' in res ? res : { status: 0, body: res.error };
      const data = (answer.body as { data?: { transaction_number?: number } } | undefined)?.data;
      outcomes.push({
        status: answer.status,
        transactionNumber: data?.transaction_number,
        name,
        type,
        quantity: 1,
        at: Date.now(),
        body: answer.body,
      });
      await send(client, `look up ${name}`, 'GET', `/stocks/${name}`);
    }
  });
  return {
    outcomes,
    failures,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}
