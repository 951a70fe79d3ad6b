import { join } from 'node:path';
import { CONFIG_VARIABLES, HttpAdapterName, Role } from '../../config/app-config';
import { catalogName, frontendName, ProcessName, replicaName } from '../../config/process-names';
import { ROLE_NODE_FLAGS } from '../../shared/runtime/role-node-flags';
import { ProcessSpec } from './managed-process';

export * from '../../config/process-names';

export const DEFAULT_REPLICA_IDS: readonly number[] = [1, 2, 3];

/** The most frontends (and catalogs) a local cluster runs: their ports stay below the replicas'. */
export const MAX_SERVICE_COPIES = 9;

export type EnvRecord = Readonly<Record<string, string | undefined>>;

export function withoutAppConfig(env: EnvRecord): Record<string, string | undefined> {
  const copy = { ...env };
  for (const name of CONFIG_VARIABLES) delete copy[name];
  return copy;
}

export interface ClusterPorts {
  /** One port per frontend, the first one first; likewise the catalogs. */
  readonly frontends: readonly number[];
  readonly catalogs: readonly number[];
  readonly replicas: ReadonlyMap<number, number>;
}

/**
 * SPEC ports shifted by `basePort`: frontends base, base+2, base+4 …; catalogs base+1, base+3 …;
 * replica N base+100+N. One of each is the SPEC's frontend 3000 and catalog 3001.
 */
export function defaultPorts(
  basePort = 3000,
  replicaIds = DEFAULT_REPLICA_IDS,
  frontends = 1,
  catalogs = 1,
): ClusterPorts {
  if (Math.max(frontends, catalogs) > MAX_SERVICE_COPIES) {
    throw new Error(`at most ${MAX_SERVICE_COPIES} frontends and ${MAX_SERVICE_COPIES} catalogs`);
  }
  return {
    frontends: Array.from({ length: frontends }, (_, i) => basePort + 2 * i),
    catalogs: Array.from({ length: catalogs }, (_, i) => basePort + 1 + 2 * i),
    replicas: new Map(replicaIds.map((id) => [id, basePort + 100 + id])),
  };
}

/** App settings a cluster may set for its processes; unset means the app's default. */
export interface AppSettings {
  readonly cacheEnabled?: boolean;
  readonly cacheSize?: number;
  readonly heartbeatMs?: number;
  readonly restockIntervalMs?: number;
  readonly restockThreshold?: number;
  readonly httpAdapter?: HttpAdapterName;
}

export interface ClusterSettings extends AppSettings {
  /**
   * The catalogs' PostgreSQL database (CATALOG_DB=postgres); without it each catalog has its own
   * SQLite file, which makes sense for one catalog only.
   */
  readonly catalogDatabaseUrl?: string;
  /** Absolute path of dist/main.js. */
  readonly mainScript: string;
  readonly cwd?: string;
  /** Root data folder; each process gets `<dataDir>/<name>`. */
  readonly dataDir: string;
  readonly token: string;
  readonly ports: ClusterPorts;
  /** Environment every child inherits before the cluster's own variables are applied. */
  readonly baseEnv: EnvRecord;
  readonly host?: string;
  /** Applied last, per process name. */
  readonly extraEnv?: Partial<Record<ProcessName, EnvRecord>>;
}

export interface RoleProcessSpec extends ProcessSpec {
  readonly name: ProcessName;
  readonly role: Role;
  readonly port: number;
  readonly url: string;
  readonly dataDir: string;
  /** Only for the order role. */
  readonly replicaId?: number;
}

const LOOPBACK = '127.0.0.1';

function localUrl(port: number): string {
  return `http://${LOOPBACK}:${port}`;
}

function optional(name: string, value: number | boolean | string | undefined): EnvRecord {
  return value === undefined ? {} : { [name]: String(value) };
}

function definedOnly(env: EnvRecord): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** The processes of a local cluster: the catalogs, the order replicas by id, the frontends. */
export function clusterSpecs(settings: ClusterSettings): RoleProcessSpec[] {
  const { ports } = settings;
  if (ports.catalogs.length > 1 && !settings.catalogDatabaseUrl) {
    throw new Error('several catalogs share one PostgreSQL database: give its URL (--postgres)');
  }
  const replicaIds = [...ports.replicas.keys()].sort((a, b) => a - b);
  const shared: EnvRecord = {
    HOST: settings.host ?? LOOPBACK,
    INTERNAL_TOKEN: settings.token,
    CATALOG_URL: ports.catalogs.map(localUrl).join(','),
    FRONTEND_URL: ports.frontends.map(localUrl).join(','),
    ORDER_REPLICAS: replicaIds.map((id) => `${id}=${localUrl(ports.replicas.get(id) ?? 0)}`).join(','),
    ...(settings.catalogDatabaseUrl
      ? { CATALOG_DB: 'postgres', CATALOG_DATABASE_URL: settings.catalogDatabaseUrl }
      : {}),
    ...optional('CACHE_ENABLED', settings.cacheEnabled),
    ...optional('CACHE_SIZE', settings.cacheSize),
    ...optional('HEARTBEAT_MS', settings.heartbeatMs),
    ...optional('RESTOCK_INTERVAL_MS', settings.restockIntervalMs),
    ...optional('RESTOCK_THRESHOLD', settings.restockThreshold),
    ...optional('HTTP_ADAPTER', settings.httpAdapter),
  };
  const spec = (name: ProcessName, role: Role, port: number, replicaId?: number): RoleProcessSpec => {
    const dataDir = join(settings.dataDir, name);
    const env = definedOnly({
      ...settings.baseEnv,
      ...shared,
      ROLE: role,
      PORT: String(port),
      DATA_DIR: dataDir,
      ...optional('REPLICA_ID', replicaId),
      ...settings.extraEnv?.[name],
    });
    const url = localUrl(port);
    const script = settings.mainScript;
    return { name, role, port, url, dataDir, replicaId, env, script, nodeArgs: ROLE_NODE_FLAGS, cwd: settings.cwd };
  };
  return [
    ...ports.catalogs.map((port, i) => spec(catalogName(i + 1), 'catalog', port)),
    ...replicaIds.map((id) => spec(replicaName(id), 'order', ports.replicas.get(id) ?? 0, id)),
    ...ports.frontends.map((port, i) => spec(frontendName(i + 1), 'frontend', port)),
  ];
}

/** Every process name of a cluster of this shape, in clusterSpecs order. */
export function processNames(catalogs: number, replicaIds: readonly number[], frontends: number): ProcessName[] {
  return [
    ...Array.from({ length: catalogs }, (_, i) => catalogName(i + 1)),
    ...replicaIds.map(replicaName),
    ...Array.from({ length: frontends }, (_, i) => frontendName(i + 1)),
  ];
}
