import { performance } from 'node:perf_hooks';
import { ClientSession } from './client-session';
import { JsonHttpClient } from './json-http';
import { PlacedOrder, RequestSample, Verification } from './load.types';
import { combineChecks } from './order-verification';
import { clientSeed } from './prng';
import { RetryPolicy, sendWithRetry } from './retry-policy';

export interface LoadOptions {
  readonly url: string;
  readonly clients: number;
  /** Per client; undefined: run until `stop()` answers true. */
  readonly iterations?: number;
  readonly stop?: () => boolean;
  readonly p: number;
  readonly seed: number;
  readonly retry: RetryPolicy;
  readonly maxTradeQuantity: number;
  readonly requestTimeoutMs: number;
}

export interface LoadResult {
  readonly seed: number;
  readonly stocks: readonly string[];
  /** Wall-clock time the run started (ms since the epoch); sample times are relative to it. */
  readonly startedAt: number;
  /** Until the last client finished trading, verification excluded. */
  readonly loadDurationMs: number;
  readonly samples: readonly RequestSample[];
  readonly orders: readonly PlacedOrder[];
  readonly rejected: number;
  readonly verification: Verification;
}

export interface LoadHooks {
  /** Called for every finished request (progress display, live timelines). */
  readonly onSample?: (sample: RequestSample) => void;
}

/** The names of every stock (`GET /stocks`), so that clients can pick among them. */
export async function fetchStockNames(url: string, retry: RetryPolicy, timeoutMs: number): Promise<string[]> {
  const http = new JsonHttpClient(url, { timeoutMs });
  try {
    const { response } = await sendWithRetry(() => http.send('GET', '/stocks'), retry);
    const data = (response.body as { data?: unknown } | undefined)?.data;
    if (response.status !== 200 || !Array.isArray(data)) {
      throw new Error(
        `GET ${url}/stocks answered ${response.status || response.error} ${JSON.stringify(response.body)}`,
      );
    }
    const names = data.map((stock: { name?: unknown }) => stock.name).filter((name) => typeof name === 'string');
    if (names.length === 0) throw new Error(`GET ${url}/stocks listed no stocks`);
    return names;
  } finally {
    http.close();
  }
}

/** Runs `clients` sessions concurrently, then has each verify its own orders. */
export async function runLoad(options: LoadOptions, hooks: LoadHooks = {}): Promise<LoadResult> {
  const stocks = await fetchStockNames(options.url, options.retry, options.requestTimeoutMs);
  const samples: RequestSample[] = [];
  const startedAt = Date.now();
  const origin = performance.now();
  const sessions = Array.from(
    { length: options.clients },
    (_, client) =>
      new ClientSession({
        client,
        baseUrl: options.url,
        stocks,
        p: options.p,
        seed: clientSeed(options.seed, client),
        retry: options.retry,
        maxTradeQuantity: options.maxTradeQuantity,
        requestTimeoutMs: options.requestTimeoutMs,
        clock: () => performance.now() - origin,
        onSample: (sample) => {
          samples.push(sample);
          hooks.onSample?.(sample);
        },
      }),
  );
  try {
    await Promise.all(sessions.map((session) => session.run({ iterations: options.iterations, stop: options.stop })));
    const loadDurationMs = performance.now() - origin;
    const checks = await Promise.all(sessions.map((session) => session.verify()));
    const orders = sessions.flatMap((session) => session.orders);
    return {
      seed: options.seed,
      stocks,
      startedAt,
      loadDurationMs,
      samples,
      orders,
      rejected: sessions.reduce((sum, session) => sum + session.rejected, 0),
      verification: combineChecks(checks, orders),
    };
  } finally {
    for (const session of sessions) session.close();
  }
}
