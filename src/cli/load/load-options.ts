import { randomInt } from 'node:crypto';
import { parseFlags, integerFlag, numberFlag, UsageError } from '../args/cli-args';

export { UsageError } from '../args/cli-args';

export interface LoadClientOptions {
  readonly url: string;
  readonly clients: number;
  readonly iterations: number;
  readonly p: number;
  readonly seed: number;
  readonly json: boolean;
  readonly maxQuantity: number;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  readonly progressEverySeconds: number;
  readonly help: boolean;
}

export const LOAD_CLIENT_USAGE = `Usage: npm run client -- [options]

N concurrent clients, each on one kept-alive connection: look up a random stock, then with
probability p buy or sell it. At the end every acknowledged order is checked with GET /orders/{n}.
Exit code 0 when all match; 1 on any mismatch (or an order that could not be read back); 2 on a
bad command line; 3 when every order matched but some requests failed (after retries).

  --url URL            frontend base URL (default http://127.0.0.1:3000)
  --clients N          concurrent clients (default 5)
  --iterations N       lookups per client (default 100)
  --p P                trade probability after a lookup, 0..1 (default 0.4)
  --seed N             PRNG seed, for a reproducible sequence (default: random, printed)
  --json               print the results as JSON instead of tables
  --max-quantity N     trade sizes are 1..N (default 5)
  --max-retries N      retries of one request on 503 / lost connection (default 8)
  --timeout MS         per-request timeout (default 15000)
  --progress-every S   progress line interval when stderr is not a terminal (default 5)
  -h, --help           show this text`;

function baseUrl(value: string | undefined): string {
  const url = value ?? 'http://127.0.0.1:3000';
  if (!/^http:\/\/[^/]+/.test(url)) throw new UsageError(`--url must be an http:// URL (got '${url}')`);
  return url.replace(/\/+$/, '');
}

export function parseLoadClientOptions(argv: readonly string[]): LoadClientOptions {
  const values = parseFlags(argv, {
    url: { type: 'string' },
    clients: { type: 'string' },
    iterations: { type: 'string' },
    p: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
    'max-quantity': { type: 'string' },
    'max-retries': { type: 'string' },
    timeout: { type: 'string' },
    'progress-every': { type: 'string' },
  });
  return {
    url: baseUrl(values.url),
    clients: integerFlag('--clients', values.clients, 1, 1000) ?? 5,
    iterations: integerFlag('--iterations', values.iterations, 0, 10_000_000) ?? 100,
    p: numberFlag('--p', values.p, 0, 1) ?? 0.4,
    seed: integerFlag('--seed', values.seed, 0, 2 ** 32 - 1) ?? randomInt(2 ** 31),
    json: values.json ?? false,
    maxQuantity: integerFlag('--max-quantity', values['max-quantity'], 1, 1_000_000) ?? 5,
    maxRetries: integerFlag('--max-retries', values['max-retries'], 0, 100) ?? 8,
    timeoutMs: integerFlag('--timeout', values.timeout, 1, 600_000) ?? 15_000,
    progressEverySeconds: integerFlag('--progress-every', values['progress-every'], 1, 3600) ?? 5,
    help: values.help ?? false,
  };
}
