import { resolve } from 'node:path';
import { HTTP_ADAPTERS, HttpAdapterName } from '../config/app-config';
import { enumFlag, integerFlag, parseFlags, UsageError } from './args/cli-args';
import { Topology, TOPOLOGY_FLAGS, TOPOLOGY_USAGE, topologyOf } from './args/topology-flags';
import { FETCH_BLOCKED_PORTS } from './process/fetch-blocked-ports';
import { DEFAULT_REPLICA_IDS, defaultPorts } from './process/role-env';

export interface ClusterOptions extends Topology {
  readonly basePort: number;
  readonly dataDir: string;
  readonly cacheEnabled?: boolean;
  readonly cacheSize?: number;
  readonly httpAdapter?: HttpAdapterName;
  readonly healthTimeoutMs: number;
  /** Print every process's output from the start, not only once all are healthy. */
  readonly verbose: boolean;
  readonly help: boolean;
}

export const CLUSTER_USAGE = `Usage: npm run cluster -- [options]

Starts the catalog, order replicas 1-3 and the frontend from dist/main.js (or several frontends and
catalogs), waits until all are healthy, prints the URLs, then their logs, and stops them all on
Ctrl-C. Other app variables in the environment (e.g. LOG_LEVEL, LOG_FORMAT, HEARTBEAT_MS,
RESTOCK_INTERVAL_MS) are passed through.

  --base-port N        frontends N, N+2, N+4 …; catalogs N+1, N+3 …; order replicas N+101..N+103
                       (default 3000)
  --data-dir DIR       one subfolder per process under DIR (default ./data); with --postgres local,
                       the server's files too (DIR/postgres)
${TOPOLOGY_USAGE}
  --cache-size N       frontend LRU capacity in entries
  --no-cache           disable the frontend cache
  --adapter NAME       HTTP adapter: ${HTTP_ADAPTERS.join(' or ')}
  --health-timeout MS  how long to wait for every /health to answer 200 (default 60000)
  --verbose            print the processes' output during start-up too (default: once all are healthy)
  -h, --help           show this text`;

export function parseClusterOptions(argv: readonly string[]): ClusterOptions {
  const values = parseFlags(argv, {
    'base-port': { type: 'string' },
    'data-dir': { type: 'string' },
    'cache-size': { type: 'string' },
    'no-cache': { type: 'boolean' },
    adapter: { type: 'string' },
    'health-timeout': { type: 'string' },
    verbose: { type: 'boolean' },
    ...TOPOLOGY_FLAGS,
  });
  // The highest port is base + 103 (replica 3).
  const basePort = integerFlag('--base-port', values['base-port'], 1, 65535 - 103) ?? 3000;
  const topology = topologyOf(values);
  const ports = defaultPorts(basePort, DEFAULT_REPLICA_IDS, topology.frontends, topology.catalogs);
  const blocked = [...ports.frontends, ...ports.catalogs, ...ports.replicas.values()].find((port) =>
    FETCH_BLOCKED_PORTS.has(port),
  );
  if (blocked !== undefined) {
    throw new UsageError(
      `--base-port ${basePort} would put a process on port ${blocked}, which fetch and browsers refuse to connect to; choose another`,
    );
  }
  return {
    ...topology,
    basePort,
    dataDir: resolve(values['data-dir'] ?? './data'),
    cacheEnabled: values['no-cache'] ? false : undefined,
    cacheSize: integerFlag('--cache-size', values['cache-size'], 1, 1_000_000),
    httpAdapter: enumFlag('--adapter', values.adapter, HTTP_ADAPTERS),
    healthTimeoutMs: integerFlag('--health-timeout', values['health-timeout'], 1, 3_600_000) ?? 60_000,
    verbose: values.verbose ?? false,
    help: values.help ?? false,
  };
}
