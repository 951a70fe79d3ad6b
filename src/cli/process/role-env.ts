import { join } from 'node:path';
import { CONFIG_VARIABLES, HttpAdapterName, Role } from '../../config/app-config';
import { ProcessSpec } from './managed-process';

export const CATALOG = 'catalog';
export const FRONTEND = 'frontend';
export const DEFAULT_REPLICA_IDS: readonly number[] = [1, 2, 3];

export type ReplicaName = `order-${number}`;
export type ProcessName = typeof CATALOG | typeof FRONTEND | ReplicaName;

export function replicaName(id: number): ReplicaName {
  return `order-${id}`;
}

export type EnvRecord = Readonly<Record<string, string | undefined>>;

export function withoutAppConfig(env: EnvRecord): Record<string, string | undefined> {
  const copy = { ...env };
  for (const name of CONFIG_VARIABLES) delete copy[name];
  return copy;
}

export interface ClusterPorts {
  readonly frontend: number;
  readonly catalog: number;
  readonly replicas: ReadonlyMap<number, number>;
}

/** SPEC ports shifted by `basePort`: frontend base, catalog base+1, replica N base+100+N. */
export function defaultPorts(basePort = 3000, replicaIds = DEFAULT_REPLICA_IDS): ClusterPorts {
  return {
    frontend: basePort,
    catalog: basePort + 1,
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

/** The five (or more) processes of a local cluster: catalog, order replicas by id, frontend. */
export function clusterSpecs(settings: ClusterSettings): RoleProcessSpec[] {
  const { ports } = settings;
  const replicaIds = [...ports.replicas.keys()].sort((a, b) => a - b);
  const shared: EnvRecord = {
    HOST: settings.host ?? LOOPBACK,
    INTERNAL_TOKEN: settings.token,
    CATALOG_URL: localUrl(ports.catalog),
    FRONTEND_URL: localUrl(ports.frontend),
    ORDER_REPLICAS: replicaIds.map((id) => `${id}=${localUrl(ports.replicas.get(id) ?? 0)}`).join(','),
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
    return { name, role, port, url, dataDir, replicaId, env, script: settings.mainScript, cwd: settings.cwd };
  };
  return [
    spec(CATALOG, 'catalog', ports.catalog),
    ...replicaIds.map((id) => spec(replicaName(id), 'order', ports.replicas.get(id) ?? 0, id)),
    spec(FRONTEND, 'frontend', ports.frontend),
  ];
}
