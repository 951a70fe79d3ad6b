import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { consolePrefixer } from './console-sink';
import { freePorts } from './free-port';
import { ManagedProcess } from './managed-process';
import { ProcessGroup } from './process-group';
import {
  ClusterSettings,
  clusterSpecs,
  DEFAULT_REPLICA_IDS,
  EnvRecord,
  ProcessName,
  RoleProcessSpec,
  withoutAppConfig,
} from './role-env';

// The same from dist/cli/process and src/cli/process.
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const MAIN_SCRIPT = join(REPO_ROOT, 'dist', 'main.js');

export interface LocalClusterSettings extends Omit<
  ClusterSettings,
  'mainScript' | 'cwd' | 'dataDir' | 'token' | 'ports' | 'baseEnv'
> {
  /** Name prefix of the temporary data folder, e.g. `stock-bazaar-chaos-`. */
  readonly tempPrefix: string;
  readonly healthTimeoutMs: number;
  readonly replicaIds?: readonly number[];
  /** How many frontends and catalogs (default one each; more catalogs need `catalogDatabaseUrl`). */
  readonly frontends?: number;
  readonly catalogs?: number;
  /** Default: this process's environment without the app's variables, and NO_COLOR=1. */
  readonly baseEnv?: EnvRecord;
  /** Processes started now (default: all). */
  readonly start?: readonly ProcessName[];
  /** Print every child's output, prefixed with its name. */
  readonly logs?: boolean;
  /** Adjusts each process spec before its process is made. */
  readonly mapSpec?: (spec: RoleProcessSpec) => RoleProcessSpec;
}

export interface LocalCluster {
  /** The temporary root; each process keeps its data in `<dataDir>/<name>`. */
  readonly dataDir: string;
  readonly token: string;
  readonly specs: readonly RoleProcessSpec[];
  readonly group: ProcessGroup;
  /** Stops every process and removes the data dir; later calls answer the first call's promise. */
  readonly stop: () => Promise<void>;
}

/**
 * Starts a fresh cluster from dist/main.js on free ports, with a temporary data dir and its own
 * token, and waits until every started process answers GET /health. On failure nothing is left
 * running and the data dir is removed.
 */
export async function startLocalCluster(settings: LocalClusterSettings): Promise<LocalCluster> {
  if (!existsSync(MAIN_SCRIPT)) throw new Error(`${MAIN_SCRIPT} not found: run \`npm run build\` first`);
  const {
    tempPrefix,
    healthTimeoutMs,
    replicaIds = DEFAULT_REPLICA_IDS,
    frontends = 1,
    catalogs = 1,
    baseEnv,
    start,
    logs,
    mapSpec,
    ...env
  } = settings;
  const dataDir = await mkdtemp(join(tmpdir(), tempPrefix));
  const token = randomBytes(24).toString('hex');
  const free = await freePorts(frontends + catalogs + replicaIds.length);
  const ports = {
    frontends: free.slice(0, frontends),
    catalogs: free.slice(frontends, frontends + catalogs),
    replicas: new Map(replicaIds.map((id, index) => [id, free[frontends + catalogs + index]])),
  };
  let specs: RoleProcessSpec[];
  try {
    specs = clusterSpecs({
      ...env,
      mainScript: MAIN_SCRIPT,
      cwd: REPO_ROOT,
      dataDir,
      token,
      ports,
      baseEnv: baseEnv ?? { ...withoutAppConfig(process.env), NO_COLOR: '1' },
    }).map((spec) => mapSpec?.(spec) ?? spec);
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const sink = logs ? consolePrefixer(specs.map((spec) => spec.name)).sink : undefined;
  const group = new ProcessGroup(specs.map((spec) => new ManagedProcess(spec, { sink })));
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= group.stopAll().finally(() => rm(dataDir, { recursive: true, force: true }));
    return stopped;
  };
  try {
    await group.startAll(healthTimeoutMs, start);
  } catch (error) {
    await stop();
    throw error;
  }
  return { dataDir, token, specs, group, stop };
}
