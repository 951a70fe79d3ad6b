import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { TradeType } from '../../shared/contracts';
import { JsonHttpClient, JsonResponse } from '../load/json-http';
import { clientSeed, Prng } from '../load/prng';
import { retryDelayMs, RetryPolicy } from '../load/retry-policy';
import { ClientSummary, TradeRecord } from './chaos.types';

export interface ChaosClientsOptions {
  /** Client i starts on frontend i mod n, and moves to the next on a connection error. */
  readonly frontendUrls: readonly string[];
  readonly clients: number;
  readonly seed: number;
  readonly stocks: readonly string[];
  /** Milliseconds since the run started. */
  readonly clock: () => number;
  readonly requestTimeoutMs?: number;
  /** Buys a bit more often than it sells, so stocks run low and 409s happen too. */
  readonly buyProbability?: number;
  readonly maxQuantity?: number;
}

export interface ClientCounts {
  readonly acknowledged: number;
  readonly refused: number;
  readonly rejected: number;
  readonly pending: number;
  /** Keys that needed more than one attempt. */
  readonly retried: number;
  readonly attempts: number;
  /** Times a client found its frontend gone (connection refused or dropped) and moved to the next. */
  readonly frontendSwitches: number;
}

const BACKOFF: RetryPolicy = { maxRetries: Infinity, baseDelayMs: 50, maxDelayMs: 1000 };

function transactionNumberOf(response: JsonResponse): number | undefined {
  const number = (response.body as { data?: { transaction_number?: unknown } } | undefined)?.data?.transaction_number;
  return typeof number === 'number' && Number.isSafeInteger(number) && number >= 0 ? number : undefined;
}

/** Node's messages for a connection that was refused or dropped: the frontend is not there. */
export const CONNECTION_LOST = /ECONNREFUSED|ECONNRESET|socket hang up|EPIPE/;

/** No answer because the frontend is not there: try another frontend. */
function frontendGone(response: JsonResponse): boolean {
  return response.status === 0 && CONNECTION_LOST.test(response.error ?? '');
}

/** One client's connection to its current frontend. */
class FrontendLink {
  private at: number;
  private http: JsonHttpClient;

  constructor(
    private readonly urls: readonly string[],
    first: number,
    private readonly timeoutMs: number,
  ) {
    this.at = first % urls.length;
    this.http = new JsonHttpClient(urls[this.at], { timeoutMs });
  }

  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<JsonResponse> {
    return this.http.send(method, path, body, headers);
  }

  /** To the next frontend (with one frontend: a new connection to it). */
  next(): void {
    this.http.close();
    this.at = (this.at + 1) % this.urls.length;
    this.http = new JsonHttpClient(this.urls[this.at], { timeoutMs: this.timeoutMs });
  }

  close(): void {
    this.http.close();
  }
}

/** No answer, a timeout or a server-side failure: the outcome is unknown, so the same key is sent again. */
function worthRetrying(status: number): boolean {
  return status === 0 || status >= 500 || status === 408 || status === 429;
}

/**
 * Trading clients for the chaos run: each loops *pick a trade, send it with a fresh Idempotency-Key,
 * resend the same key until a definite answer*, and records every key's outcome.
 */
export class ChaosClients {
  readonly trades: TradeRecord[] = [];
  private switches = 0;
  private stopping = false;
  private abandoned = false;
  private loops: Promise<void>[] = [];
  private readonly finished: boolean[];

  constructor(private readonly options: ChaosClientsOptions) {
    this.finished = Array.from({ length: options.clients }, () => false);
  }

  start(): void {
    this.loops = this.finished.map((_, client) => this.loop(client));
  }

  /** Clients finish the trade they are on, then stop. */
  stop(): void {
    this.stopping = true;
  }

  /** Waits for every client; past `timeoutMs` the keys still retried are left `pending`. */
  async drain(timeoutMs: number): Promise<ClientSummary[]> {
    const all = Promise.all(this.loops);
    if (!(await within(all, timeoutMs))) {
      this.abandoned = true;
      // A client blocked inside one request notices the abandonment after that request's timeout.
      await within(all, (this.options.requestTimeoutMs ?? 10_000) + 2000);
    }
    return this.finished.map((finished, client) => ({
      client,
      finished,
      trades: this.trades.filter((trade) => trade.client === client).length,
    }));
  }

  counts(): ClientCounts {
    const count = (outcome: TradeRecord['outcome']): number => this.trades.filter((t) => t.outcome === outcome).length;
    return {
      acknowledged: count('acknowledged'),
      refused: count('refused'),
      rejected: count('rejected'),
      pending: count('pending'),
      retried: this.trades.filter((t) => t.attempts > 1).length,
      attempts: this.trades.reduce((sum, t) => sum + t.attempts, 0),
      frontendSwitches: this.switches,
    };
  }

  private async loop(client: number): Promise<void> {
    const random = new Prng(clientSeed(this.options.seed, client));
    const http = new FrontendLink(this.options.frontendUrls, client, this.options.requestTimeoutMs ?? 10_000);
    try {
      for (let index = 0; !this.stopping; index += 1) {
        const type: TradeType = random.chance(this.options.buyProbability ?? 0.6) ? 'buy' : 'sell';
        const now = this.options.clock();
        const trade: TradeRecord = {
          key: `chaos-c${client}-${index}-${randomUUID().slice(0, 8)}`,
          client,
          name: random.pick(this.options.stocks),
          type,
          quantity: random.int(1, this.options.maxQuantity ?? 10),
          outcome: 'pending',
          attempts: 0,
          lastStatus: 0,
          firstAt: now,
          lastAt: now,
        };
        this.trades.push(trade);
        await this.settle(http, trade);
      }
      this.finished[client] = true;
    } finally {
      http.close();
    }
  }

  private async settle(http: FrontendLink, trade: TradeRecord): Promise<void> {
    const body = { name: trade.name, type: trade.type, quantity: trade.quantity };
    let frontendsGoneInARow = 0;
    while (!this.abandoned) {
      const response = await http.send('POST', '/orders', body, { 'idempotency-key': trade.key });
      trade.attempts += 1;
      trade.lastStatus = response.status;
      trade.lastAt = this.options.clock();
      const number = transactionNumberOf(response);
      if (response.status === 200 && number !== undefined) {
        trade.outcome = 'acknowledged';
        trade.number = number;
        return;
      }
      const gone = frontendGone(response);
      frontendsGoneInARow = gone ? frontendsGoneInARow + 1 : 0;
      if (gone && this.options.frontendUrls.length > 1) {
        this.switches += 1;
        http.next();
        if (frontendsGoneInARow < this.options.frontendUrls.length) continue; // the other frontends at once, then pause
      }
      if (!worthRetrying(response.status)) {
        trade.outcome = response.status === 409 ? 'refused' : 'rejected';
        trade.lastAnswer = JSON.stringify(response.body);
        return;
      }
      await sleep(retryDelayMs(Math.min(trade.attempts, 10), response.headers['retry-after'], BACKOFF));
    }
  }
}

/** Whether `promise` settles within `ms`. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
