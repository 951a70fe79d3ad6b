import { randomUUID } from 'node:crypto';
import { http } from './http.client';

export interface TradeOutcome {
  status: number;
  transactionNumber?: number;
  name: string;
  type: 'buy' | 'sell';
  quantity: number;
  at: number;
  body: unknown;
}

/**
 * `clients` loops that trade (alternating buy and sell of 1 unit, so no stock runs out) until
 * `stop()` is called; every outcome is recorded.
 */
export function tradeContinuously(frontend: string, clients: number, stocks: string[]) {
  const outcomes: TradeOutcome[] = [];
  let running = true;
  const loops = Array.from({ length: clients }, async (_, client) => {
    for (let round = 0; running; round += 1) {
      const name = stocks[(client + round) % stocks.length];
      const type = round % 2 === 0 ? 'buy' : 'sell';
      const res = await http('POST', `${frontend}/orders`, {
        body: { name, type, quantity: 1 },
        headers: { 'idempotency-key': randomUUID() },
        timeoutMs: 15_000,
      }).catch((error: Error) => ({ status: 0, body: error.message }));
      const body = res.body as { data?: { transaction_number?: number } };
      outcomes.push({
        status: res.status,
        transactionNumber: body?.data?.transaction_number,
        name,
        type,
        quantity: 1,
        at: Date.now(),
        body: res.body,
      });
    }
  });
  return {
    outcomes,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}
