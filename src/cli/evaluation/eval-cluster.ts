import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { OrderRecord, ReplicaStatus } from '../../shared/contracts';
import { InternalApi } from '../inspect/internal-api';
import { JsonHttpClient } from '../load/json-http';
import {
  clusterSpecs,
  DEFAULT_REPLICA_IDS,
  freePorts,
  FRONTEND,
  ManagedProcess,
  ProcessGroup,
  replicaName,
  withoutAppConfig,
} from '../process';
import { CacheSnapshot, StockState } from './eval-results.types';

// The same from dist/cli/evaluation and src/cli/evaluation.
const ROOT = resolve(__dirname, '..', '..', '..');
const MAIN_SCRIPT = join(ROOT, 'dist', 'main.js');
const HEALTH_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 5000;

export interface EvalClusterSettings {
  readonly cacheEnabled: boolean;
  readonly cacheSize?: number;
}

/** One fresh local cluster for one experiment: temporary data dir, free ports, its own token. */
export class EvalCluster {
  private static readonly live = new Set<EvalCluster>();
  readonly replicaIds: readonly number[] = DEFAULT_REPLICA_IDS;
  private readonly frontend: JsonHttpClient;

  private constructor(
    private readonly dataDir: string,
    private readonly token: string,
    private readonly group: ProcessGroup,
  ) {
    this.frontend = new JsonHttpClient(this.frontendUrl, { timeoutMs: 5000 });
  }

  static async start(settings: EvalClusterSettings): Promise<EvalCluster> {
    if (!existsSync(MAIN_SCRIPT)) throw new Error(`${MAIN_SCRIPT} not found: run \`npm run build\` first`);
    const dataDir = await mkdtemp(join(tmpdir(), 'stock-bazaar-eval-'));
    const token = randomBytes(24).toString('hex');
    const [frontend, catalog, ...replicaPorts] = await freePorts(2 + DEFAULT_REPLICA_IDS.length);
    const specs = clusterSpecs({
      mainScript: MAIN_SCRIPT,
      cwd: ROOT,
      dataDir,
      token,
      ports: { frontend, catalog, replicas: new Map(DEFAULT_REPLICA_IDS.map((id, i) => [id, replicaPorts[i]])) },
      baseEnv: { ...withoutAppConfig(process.env), NO_COLOR: '1' },
      cacheEnabled: settings.cacheEnabled,
      cacheSize: settings.cacheSize,
      // Restocking would change quantities outside the order log and void the conservation check.
      restockIntervalMs: 0,
    });
    const group = new ProcessGroup(specs.map((spec) => new ManagedProcess(spec)));
    try {
      await group.startAll(HEALTH_TIMEOUT_MS);
    } catch (error) {
      await group.stopAll(STOP_TIMEOUT_MS);
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    }
    const cluster = new EvalCluster(dataDir, token, group);
    EvalCluster.live.add(cluster);
    return cluster;
  }

  /** Synchronous SIGKILL to every process of every cluster still running (exit and signal handlers). */
  static killAllNow(): void {
    for (const cluster of EvalCluster.live) cluster.group.killAllNow();
  }

  get frontendUrl(): string {
    return this.group.get(FRONTEND).spec.url ?? '';
  }

  replica(id: number): ManagedProcess {
    return this.group.get(replicaName(id));
  }

  async killReplica(id: number): Promise<void> {
    await this.replica(id).kill('SIGKILL');
  }

  /** Starts the replica again on its old data dir; resolves once it reports healthy (caught up). */
  async restartReplica(id: number): Promise<void> {
    const member = this.replica(id);
    member.start();
    await member.waitHealthy(HEALTH_TIMEOUT_MS);
  }

  /** The id of the replica that says it leads, if one does. */
  async leaderId(): Promise<number | undefined> {
    const statuses = await Promise.all(this.replicaIds.map((id) => this.status(id).catch(() => undefined)));
    return statuses.find((status) => status?.leading)?.id;
  }

  status(id: number): Promise<ReplicaStatus> {
    return this.internal(id, (api) => api.replicaStatus());
  }

  log(id: number): Promise<OrderRecord[]> {
    return this.internal(id, (api) => api.replicaLog());
  }

  /** `GET /cache` on the frontend. */
  async cache(): Promise<CacheSnapshot> {
    return this.frontendData<CacheSnapshot>('/cache');
  }

  /** `GET /stocks` on the frontend. */
  async stocks(): Promise<StockState[]> {
    return this.frontendData<StockState[]>('/stocks');
  }

  /** Stops every process and removes the data dir. */
  async stop(): Promise<void> {
    this.frontend.close();
    await this.group.stopAll(STOP_TIMEOUT_MS);
    EvalCluster.live.delete(this);
    await rm(this.dataDir, { recursive: true, force: true });
  }

  private async frontendData<T>(path: string): Promise<T> {
    const response = await this.frontend.send('GET', path);
    const data = (response.body as { data?: T } | undefined)?.data;
    if (response.status !== 200 || data === undefined) {
      throw new Error(`GET ${path} answered ${response.status || response.error} ${JSON.stringify(response.body)}`);
    }
    return data;
  }

  private async internal<T>(id: number, read: (api: InternalApi) => Promise<T>): Promise<T> {
    const api = new InternalApi(this.replica(id).spec.url ?? '', this.token);
    try {
      return await read(api);
    } finally {
      api.close();
    }
  }
}
