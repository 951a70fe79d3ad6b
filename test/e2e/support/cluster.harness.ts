import { HTTP_ADAPTERS, HttpAdapterName } from '../../../src/config/app-config';
import {
  AppSettings,
  CATALOG,
  DEFAULT_REPLICA_IDS,
  EnvRecord,
  ExitStatus,
  FRONTEND,
  ManagedProcess,
  openCatalogDatabase,
  processNames,
  ProcessName,
  RoleProcessSpec,
  startLocalCluster,
  withoutAppConfig,
} from '../../../src/cli/process';

export type { ProcessName } from '../../../src/cli/process';

const DEFAULT_HEALTH_TIMEOUT_MS = 30_000;

/** `httpAdapter` defaults to process.env.HTTP_ADAPTER if set, else the app's default (express). */
export interface StartClusterOptions extends AppSettings {
  /** Replicas listed in ORDER_REPLICAS (default 1, 2, 3). */
  readonly replicaIds?: readonly number[];
  /** How many frontends (`frontend`, `frontend-2` …) and catalogs (`catalog`, `catalog-2` …); default one each. */
  readonly frontends?: number;
  readonly catalogs?: number;
  /** The catalogs share a database on a throw-away PostgreSQL server of the test's own (needed for several). */
  readonly postgres?: boolean;
  /** Processes started now (default: all); the others can be started later with `process(name).start()`. */
  readonly start?: readonly ProcessName[];
  /** Extra variables for every process, then per process. */
  readonly commonEnv?: EnvRecord;
  readonly env?: Partial<Record<ProcessName, EnvRecord>>;
  readonly healthTimeoutMs?: number;
  /** Print every child's output with its name (default: when E2E_LOGS=1). Output is kept anyway. */
  readonly logs?: boolean;
  /** A command that runs node for a process (it must exec node, keeping the pid), e.g. to enter a cgroup. */
  readonly launcherFor?: (name: ProcessName, port: number) => readonly string[];
}

export interface ClusterProcess {
  readonly name: ProcessName;
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly pid: number | undefined;
  readonly running: boolean;
  /** Sends the signal (SIGKILL unless told) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<ExitStatus | undefined>;
  /** Starts again with the same env and data dir; by default waits until /health answers 200. */
  start(options?: { readonly waitHealthy?: boolean; readonly timeoutMs?: number }): Promise<void>;
  /** SIGTERM, SIGKILL after 5 s; waits for the exit. */
  stop(): Promise<ExitStatus | undefined>;
  /** SIGSTOP: the process keeps its ports but stops answering (a hung node). */
  pause(): void;
  /** SIGCONT after `pause()`. */
  resume(): void;
  waitHealthy(timeoutMs?: number): Promise<void>;
  /** Output lines kept so far (colours removed), oldest first. */
  output(): readonly string[];
}

export interface ClusterUrls {
  /** The first frontend and catalog; all of them, in order, below. */
  readonly frontend: string;
  readonly catalog: string;
  readonly frontends: readonly string[];
  readonly catalogs: readonly string[];
  readonly replicas: Readonly<Record<number, string>>;
}

export interface TestCluster {
  readonly urls: ClusterUrls;
  readonly token: string;
  /** The temporary root; each process keeps its data in `<dataDir>/<name>`. */
  readonly dataDir: string;
  /** The catalogs' database on the throw-away PostgreSQL server, with `postgres: true`. */
  readonly databaseUrl?: string;
  process(name: ProcessName): ClusterProcess;
  /** Stops every process and removes the temporary data dir. */
  stopAll(): Promise<void>;
}

function adapterFromEnv(): HttpAdapterName | undefined {
  const value = process.env.HTTP_ADAPTER?.trim();
  if (!value) return undefined;
  if ((HTTP_ADAPTERS as readonly string[]).includes(value)) return value as HttpAdapterName;
  throw new Error(`HTTP_ADAPTER must be one of ${HTTP_ADAPTERS.join(', ')} (got '${value}')`);
}

function perProcessEnv(options: StartClusterOptions): Partial<Record<ProcessName, EnvRecord>> {
  const replicaIds = options.replicaIds ?? DEFAULT_REPLICA_IDS;
  const names = processNames(options.catalogs ?? 1, replicaIds, options.frontends ?? 1);
  return Object.fromEntries(names.map((name) => [name, { ...options.commonEnv, ...options.env?.[name] }]));
}

function handle(member: ManagedProcess, spec: RoleProcessSpec, healthTimeoutMs: number): ClusterProcess {
  return {
    name: spec.name,
    url: spec.url,
    port: spec.port,
    dataDir: spec.dataDir,
    get pid() {
      return member.pid;
    },
    get running() {
      return member.running;
    },
    kill: (signal) => member.kill(signal),
    start: async (startOptions = {}) => {
      member.start();
      if (startOptions.waitHealthy ?? true) await member.waitHealthy(startOptions.timeoutMs ?? healthTimeoutMs);
    },
    stop: () => member.stop(),
    pause: () => member.signal('SIGSTOP'),
    resume: () => member.signal('SIGCONT'),
    waitHealthy: (timeoutMs) => member.waitHealthy(timeoutMs ?? healthTimeoutMs),
    output: () => member.output(),
  };
}

/**
 * Starts a real cluster from dist/main.js on free ports with a fresh temporary data dir and token
 * (and, with `postgres`, a throw-away PostgreSQL server), and waits until every started process
 * answers GET /health with 200. On failure nothing is left running and the temporary dirs are removed.
 */
export async function startCluster(options: StartClusterOptions = {}): Promise<TestCluster> {
  const healthTimeoutMs = options.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS;
  const database = await openCatalogDatabase(options.postgres ? { local: true } : undefined);
  let local: Awaited<ReturnType<typeof startLocalCluster>>;
  try {
    local = await startLocalCluster({
      tempPrefix: 'stock-bazaar-e2e-',
      healthTimeoutMs,
      replicaIds: options.replicaIds,
      frontends: options.frontends,
      catalogs: options.catalogs,
      catalogDatabaseUrl: database.url,
      start: options.start,
      logs: options.logs ?? process.env.E2E_LOGS === '1',
      baseEnv: withoutAppConfig(process.env),
      cacheEnabled: options.cacheEnabled,
      cacheSize: options.cacheSize,
      heartbeatMs: options.heartbeatMs,
      restockIntervalMs: options.restockIntervalMs,
      restockThreshold: options.restockThreshold,
      httpAdapter: options.httpAdapter ?? adapterFromEnv(),
      extraEnv: perProcessEnv(options),
      mapSpec: (spec) =>
        options.launcherFor ? { ...spec, launcher: options.launcherFor(spec.name, spec.port) } : spec,
    });
  } catch (error) {
    await database.stop();
    throw error;
  }
  const { token, dataDir, specs, group, stop } = local;
  const handles = new Map(specs.map((spec) => [spec.name, handle(group.get(spec.name), spec, healthTimeoutMs)]));
  const urlOf = (name: ProcessName): string => group.get(name).spec.url ?? '';
  const urlsOf = (role: RoleProcessSpec['role']) => specs.filter((s) => s.role === role).map((s) => s.url);
  return {
    urls: {
      frontend: urlOf(FRONTEND),
      catalog: urlOf(CATALOG),
      frontends: urlsOf('frontend'),
      catalogs: urlsOf('catalog'),
      replicas: Object.fromEntries(specs.filter((s) => s.replicaId !== undefined).map((s) => [s.replicaId, s.url])),
    },
    token,
    dataDir,
    databaseUrl: database.url,
    process: (name) => {
      const found = handles.get(name);
      if (!found) throw new Error(`no process named '${name}' (known: ${[...handles.keys()].join(', ')})`);
      return found;
    },
    stopAll: async () => {
      await stop();
      await database.stop();
    },
  };
}
