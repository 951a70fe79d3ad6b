import { randomUUID } from 'node:crypto';
import { JsonHttpClient, JsonResponse } from './json-http';
import { PlacedOrder, RequestKind, RequestSample, TradeType } from './load.types';
import { orderMismatch, SessionCheck } from './order-verification';
import { Prng } from './prng';
import { RetriedResponse, RetryPolicy, sendWithRetry } from './retry-policy';

export interface SessionOptions {
  readonly client: number;
  readonly baseUrl: string;
  readonly stocks: readonly string[];
  /** Probability of a trade after each lookup. */
  readonly p: number;
  readonly seed: number;
  readonly retry: RetryPolicy;
  readonly maxTradeQuantity: number;
  readonly requestTimeoutMs: number;
  /** Milliseconds since the run started, for the samples' timestamps. */
  readonly clock: () => number;
  readonly onSample: (sample: RequestSample) => void;
}

/** How long a session runs: a number of iterations, or until `stop()` says so. */
export interface SessionLength {
  readonly iterations?: number;
  readonly stop?: () => boolean;
}

function quantityOf(response: JsonResponse): number | undefined {
  const quantity = (response.body as { data?: { quantity?: unknown } } | undefined)?.data?.quantity;
  return typeof quantity === 'number' ? quantity : undefined;
}

function transactionNumberOf(response: JsonResponse): number | undefined {
  const number = (response.body as { data?: { transaction_number?: unknown } } | undefined)?.data?.transaction_number;
  return Number.isSafeInteger(number) ? (number as number) : undefined;
}

/**
 * One simulated user on one kept-alive connection: look up a random stock, then with probability p
 * trade it; remember every acknowledged order so that `verify()` can check it afterwards.
 */
export class ClientSession {
  readonly orders: PlacedOrder[] = [];
  /** Trades refused with 409 `not enough stock` (another client bought first). */
  rejected = 0;
  private readonly http: JsonHttpClient;
  private readonly random: Prng;

  constructor(private readonly options: SessionOptions) {
    this.http = new JsonHttpClient(options.baseUrl, { timeoutMs: options.requestTimeoutMs });
    this.random = new Prng(options.seed);
  }

  async run(length: SessionLength): Promise<void> {
    for (let i = 0; length.iterations === undefined || i < length.iterations; i++) {
      if (length.stop?.()) return;
      await this.iteration();
    }
  }

  /** Checks every acknowledged order with `GET /orders/{n}` on the same connection. */
  async verify(): Promise<SessionCheck> {
    const mismatches: { expected: PlacedOrder; actual: string }[] = [];
    let unreachable = 0;
    for (const expected of this.orders) {
      const { response } = await this.timed('orderQuery', () => this.http.send('GET', `/orders/${expected.number}`), {
        ok: (status) => status === 200,
      });
      if (response.status === 0 || response.status === 503) {
        unreachable += 1;
        continue;
      }
      const actual = orderMismatch(expected, response);
      if (actual !== undefined) mismatches.push({ expected, actual });
    }
    return { checked: this.orders.length, mismatches, unreachable };
  }

  close(): void {
    this.http.close();
  }

  private async iteration(): Promise<void> {
    const name = this.random.pick(this.options.stocks);
    const wantsTrade = this.random.chance(this.options.p);
    const type: TradeType = this.random.chance(0.5) ? 'buy' : 'sell';
    const size = this.random.int(1, this.options.maxTradeQuantity);
    const { response } = await this.timed(
      'lookup',
      () => this.http.send('GET', `/stocks/${encodeURIComponent(name)}`),
      {
        ok: (status) => status === 200,
      },
    );
    const available = quantityOf(response);
    if (!wantsTrade || available === undefined || available <= 0) return;
    const quantity = type === 'buy' ? Math.min(size, available) : size;
    await this.trade(name, type, quantity);
  }

  private async trade(name: string, type: TradeType, quantity: number): Promise<void> {
    // One key for every retry of this trade: the server applies it at most once.
    const headers = { 'idempotency-key': randomUUID() };
    const { response } = await this.timed(
      'trade',
      () => this.http.send('POST', '/orders', { name, type, quantity }, headers),
      { ok: (status) => status === 200 || status === 409 },
    );
    const number = transactionNumberOf(response);
    if (response.status === 200 && number !== undefined) {
      this.orders.push({ number, name, type, quantity, client: this.options.client });
    } else if (response.status === 409) {
      this.rejected += 1;
    }
  }

  private async timed(
    kind: RequestKind,
    send: () => Promise<JsonResponse>,
    expect: { ok: (status: number) => boolean },
  ): Promise<RetriedResponse> {
    const at = this.options.clock();
    const result = await sendWithRetry(send, this.options.retry);
    const status = result.response.status;
    const ok =
      expect.ok(status) && (kind !== 'trade' || status !== 200 || transactionNumberOf(result.response) !== undefined);
    this.options.onSample({
      kind,
      client: this.options.client,
      at,
      latencyMs: result.latencyMs,
      status,
      ok,
      retries: result.retries,
    });
    return result;
  }
}
