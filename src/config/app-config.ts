import { resolve } from 'node:path';
import { ConfigError } from './config-error';
import { boolean, checkedUrl, Env, integer, oneOf, postgresUrl, text, urlList } from './env-parsers';
import { ElectionTuning, loadElectionTuning, loadReplicationTuning, ReplicationTuning } from './tuning';

export const ROLES = ['frontend', 'catalog', 'order'] as const;
export type Role = (typeof ROLES)[number];

export const HTTP_ADAPTERS = ['express', 'fastify'] as const;
export type HttpAdapterName = (typeof HTTP_ADAPTERS)[number];

/** Test-only crash points, so tests can kill a process at an exact step (see FaultInjector). */
export const FAULTS = ['none', 'crash-after-catalog-trade', 'fail-after-catalog-trade'] as const;
export type Fault = (typeof FAULTS)[number];

/** Each level prints itself and every more severe one; `log` is the default. */
export const LOG_LEVELS = ['error', 'warn', 'log', 'debug'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** `text` for people, `json` (one object per line) for log collectors. */
export const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
/** Where the catalog keeps its stocks: its own SQLite file, or a PostgreSQL server several catalogs share. */
export const CATALOG_DBS = ['sqlite', 'postgres'] as const;
export type CatalogDb = (typeof CATALOG_DBS)[number];

/**
 * What a cluster launcher sets for each process it starts: its role and place, its peers, the
 * shared token and the adapter. The others are tunings, the same for every process.
 */
export const LAUNCHER_VARIABLES = [
  'ROLE',
  'PORT',
  'HOST',
  'DATA_DIR',
  'REPLICA_ID',
  'ORDER_REPLICAS',
  'CATALOG_URL',
  'FRONTEND_URL',
  'CATALOG_DB',
  'CATALOG_DATABASE_URL',
  'INTERNAL_TOKEN',
  'HTTP_ADAPTER',
] as const;

/** Every variable loadConfig reads. */
export const CONFIG_VARIABLES = [
  ...LAUNCHER_VARIABLES,
  'CACHE_ENABLED',
  'CACHE_SIZE',
  'HEARTBEAT_MS',
  'DOWNSTREAM_TIMEOUT_MS',
  'RESTOCK_INTERVAL_MS',
  'RESTOCK_THRESHOLD',
  'STOCKS_FILE',
  'FAULT_INJECTION',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'APPEND_BATCH',
  'COMMIT_TIMEOUT_MS',
  'PEER_TIMEOUT_MS',
  'CATCH_UP_PAGE',
  'FAILOVER_BUDGET_MS',
  'SPARE_APPEND_DELAY_MS',
  'HEAP_GROWTH_PERCENT',
] as const;

export interface ReplicaAddress {
  readonly id: number;
  readonly url: string;
}

/** Used when INTERNAL_TOKEN is unset, so `ROLE=order REPLICA_ID=3 npm start` works on a laptop. */
export const DEVELOPMENT_TOKEN = 'stock-bazaar-development-token';

const DEFAULT_REPLICAS = '1=http://127.0.0.1:3101,2=http://127.0.0.1:3102,3=http://127.0.0.1:3103';
const DEFAULT_STOCKS_FILE = resolve(__dirname, '..', '..', 'config', 'stocks.json');

/**
 * The validated, frozen configuration of one process. Also the DI token: inject it by type.
 * `replicaId` is 0 outside the order role.
 */
export abstract class AppConfig {
  abstract readonly role: Role;
  abstract readonly port: number;
  abstract readonly host: string;
  abstract readonly dataDir: string;
  abstract readonly replicaId: number;
  abstract readonly replicas: readonly ReplicaAddress[];
  /** Every catalog, in the order the order leader tries them (CATALOG_URL, comma-separated). */
  abstract readonly catalogUrls: readonly string[];
  /** Every frontend the catalog pushes invalidations to (FRONTEND_URL, comma-separated). */
  abstract readonly frontendUrls: readonly string[];
  abstract readonly catalogDb: CatalogDb;
  /** The PostgreSQL URL when `catalogDb` is postgres and this is a catalog; '' otherwise. */
  abstract readonly catalogDatabaseUrl: string;
  abstract readonly cacheEnabled: boolean;
  abstract readonly cacheSize: number;
  abstract readonly internalToken: string;
  abstract readonly heartbeatMs: number;
  abstract readonly downstreamTimeoutMs: number;
  abstract readonly restockIntervalMs: number;
  abstract readonly restockThreshold: number;
  abstract readonly httpAdapter: HttpAdapterName;
  abstract readonly stocksFile: string;
  abstract readonly faultInjection: Fault;
  abstract readonly logLevel: LogLevelName;
  abstract readonly logFormat: LogFormat;
  /** How far the heap may grow past what the last full GC kept, in percent; 0: V8's own rule. */
  abstract readonly heapGrowthPercent: number;
  abstract readonly replication: ReplicationTuning;
  abstract readonly election: ElectionTuning;
}

export function parseReplicas(value: string): ReplicaAddress[] {
  const name = 'ORDER_REPLICAS';
  const replicas = value.split(',').map((pair) => {
    const match = /^\s*(\d+)\s*=\s*(\S+)\s*$/.exec(pair);
    const id = match ? Number(match[1]) : 0;
    if (!match || !Number.isSafeInteger(id) || id < 1) {
      throw new ConfigError(name, `must be comma-separated id=url pairs with positive ids (bad pair '${pair}')`);
    }
    return { id, url: checkedUrl(name, match[2]) };
  });
  const ids = new Set(replicas.map((r) => r.id));
  if (ids.size !== replicas.length) throw new ConfigError(name, 'must not repeat a replica id');
  return replicas.sort((a, b) => b.id - a.id);
}

/** Validates the environment once; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env): AppConfig {
  const role = oneOf(env, 'ROLE', ROLES);
  const replicas = parseReplicas(text(env, 'ORDER_REPLICAS', DEFAULT_REPLICAS));
  const replicaId = role === 'order' ? integer(env, 'REPLICA_ID', 1, 1_000_000) : 0;
  if (role === 'order' && !replicas.some((r) => r.id === replicaId)) {
    throw new ConfigError('REPLICA_ID', `must be one of the ids in ORDER_REPLICAS (got '${replicaId}')`);
  }
  const defaultPort = { frontend: 3000, catalog: 3001, order: 3100 + replicaId }[role];
  const replication = loadReplicationTuning(env);
  const catalogDb = oneOf(env, 'CATALOG_DB', CATALOG_DBS, 'sqlite');
  return Object.freeze({
    role,
    port: integer(env, 'PORT', 0, 65535, defaultPort),
    host: text(env, 'HOST', '127.0.0.1'),
    dataDir: resolve(text(env, 'DATA_DIR', './data')),
    replicaId,
    replicas: Object.freeze(replicas),
    catalogUrls: urlList(env, 'CATALOG_URL', 'http://127.0.0.1:3001'),
    frontendUrls: urlList(env, 'FRONTEND_URL', 'http://127.0.0.1:3000'),
    catalogDb,
    catalogDatabaseUrl: role === 'catalog' && catalogDb === 'postgres' ? postgresUrl(env, 'CATALOG_DATABASE_URL') : '',
    cacheEnabled: boolean(env, 'CACHE_ENABLED', true),
    cacheSize: integer(env, 'CACHE_SIZE', 1, 1_000_000, 5),
    internalToken: text(env, 'INTERNAL_TOKEN', DEVELOPMENT_TOKEN),
    heartbeatMs: integer(env, 'HEARTBEAT_MS', 50, 60_000, 500),
    downstreamTimeoutMs: integer(env, 'DOWNSTREAM_TIMEOUT_MS', 50, 60_000, 2000),
    restockIntervalMs: integer(env, 'RESTOCK_INTERVAL_MS', 0, 86_400_000, 0),
    restockThreshold: integer(env, 'RESTOCK_THRESHOLD', 0, 1_000_000, 10),
    httpAdapter: oneOf(env, 'HTTP_ADAPTER', HTTP_ADAPTERS, 'express'),
    stocksFile: resolve(text(env, 'STOCKS_FILE', DEFAULT_STOCKS_FILE)),
    faultInjection: oneOf(env, 'FAULT_INJECTION', FAULTS, 'none'),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'log'),
    logFormat: oneOf(env, 'LOG_FORMAT', LOG_FORMATS, 'text'),
    heapGrowthPercent: integer(env, 'HEAP_GROWTH_PERCENT', 0, 1000, 70),
    replication,
    election: loadElectionTuning(env, replication),
  });
}
