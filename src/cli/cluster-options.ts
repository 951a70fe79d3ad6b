import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { HTTP_ADAPTERS, HttpAdapterName } from '../config/app-config';

export interface ClusterOptions {
  readonly basePort: number;
  readonly dataDir: string;
  readonly cacheEnabled?: boolean;
  readonly cacheSize?: number;
  readonly httpAdapter?: HttpAdapterName;
  readonly healthTimeoutMs: number;
  readonly help: boolean;
}

export const CLUSTER_USAGE = `Usage: npm run cluster -- [options]

Starts catalog, order replicas 1-3 and the frontend from dist/main.js, waits until all are healthy,
and stops them all on Ctrl-C. Other app variables in the environment (e.g. HEARTBEAT_MS,
RESTOCK_INTERVAL_MS, DOWNSTREAM_TIMEOUT_MS) are passed through.

  --base-port N        frontend N, catalog N+1, order replicas N+101..N+103 (default 3000)
  --data-dir DIR       one subfolder per process under DIR (default ./data)
  --cache-size N       frontend LRU capacity in entries
  --no-cache           disable the frontend cache
  --adapter NAME       HTTP adapter: ${HTTP_ADAPTERS.join(' or ')}
  --health-timeout MS  how long to wait for every /health to answer 200 (default 60000)
  -h, --help           show this text`;

/** Thrown for a bad command line; the launcher prints the message and the usage. */
export class UsageError extends Error {}

function positiveInteger(flag: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(parsed) || parsed < 1 || parsed > max) {
    throw new UsageError(`${flag} must be an integer from 1 to ${max} (got '${value}')`);
  }
  return parsed;
}

function adapter(value: string | undefined): HttpAdapterName | undefined {
  if (value === undefined) return undefined;
  if ((HTTP_ADAPTERS as readonly string[]).includes(value)) return value as HttpAdapterName;
  throw new UsageError(`--adapter must be one of ${HTTP_ADAPTERS.join(', ')} (got '${value}')`);
}

export function parseClusterOptions(argv: readonly string[]): ClusterOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'base-port': { type: 'string' },
        'data-dir': { type: 'string' },
        'cache-size': { type: 'string' },
        'no-cache': { type: 'boolean' },
        adapter: { type: 'string' },
        'health-timeout': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  // The highest port is base + 103 (replica 3).
  const basePort = positiveInteger('--base-port', values['base-port'], 65535 - 103) ?? 3000;
  return {
    basePort,
    dataDir: resolve(values['data-dir'] ?? './data'),
    cacheEnabled: values['no-cache'] ? false : undefined,
    cacheSize: positiveInteger('--cache-size', values['cache-size'], 1_000_000),
    httpAdapter: adapter(values.adapter),
    healthTimeoutMs: positiveInteger('--health-timeout', values['health-timeout'], 3_600_000) ?? 60_000,
    help: values.help ?? false,
  };
}
