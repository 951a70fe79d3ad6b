import { OrderRecord, ReplicaStatus, RestockEntry } from '../../shared/contracts';
import { InternalApi } from '../inspect/internal-api';
import { JsonHttpClient } from '../load/json-http';
import {
  CATALOG,
  DEFAULT_REPLICA_IDS,
  FRONTEND,
  LocalCluster,
  ManagedProcess,
  replicaName,
  startLocalCluster,
} from '../process';
import { CacheSnapshot, StockState } from './eval-results.types';

const HEALTH_TIMEOUT_MS = 90_000;

export interface EvalClusterSettings {
  readonly cacheEnabled: boolean;
  readonly cacheSize?: number;
}

/** One fresh local cluster for one experiment: temporary data dir, free ports, its own token. */
export class EvalCluster {
  private static readonly live = new Set<EvalCluster>();
  readonly replicaIds: readonly number[] = DEFAULT_REPLICA_IDS;
  private readonly frontend: JsonHttpClient;

  private constructor(private readonly local: LocalCluster) {
    this.frontend = new JsonHttpClient(this.frontendUrl, { timeoutMs: 5000 });
  }

  static async start(settings: EvalClusterSettings): Promise<EvalCluster> {
    const local = await startLocalCluster({
      tempPrefix: 'stock-bazaar-eval-',
      healthTimeoutMs: HEALTH_TIMEOUT_MS,
      cacheEnabled: settings.cacheEnabled,
      cacheSize: settings.cacheSize,
      // Off: the evaluation measures the order path (conservation would count restocks anyway).
      restockIntervalMs: 0,
    });
    const cluster = new EvalCluster(local);
    EvalCluster.live.add(cluster);
    return cluster;
  }

  /** Synchronous SIGKILL to every process of every cluster still running (exit and signal handlers). */
  static killAllNow(): void {
    for (const cluster of EvalCluster.live) cluster.local.group.killAllNow();
  }

  get frontendUrl(): string {
    return this.local.group.get(FRONTEND).spec.url ?? '';
  }

  replica(id: number): ManagedProcess {
    return this.local.group.get(replicaName(id));
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

  /** Every restock the catalog made (its internal route). */
  async restocks(): Promise<RestockEntry[]> {
    const api = new InternalApi(this.local.group.get(CATALOG).spec.url ?? '', this.local.token);
    try {
      return await api.restocks();
    } finally {
      api.close();
    }
  }

  /** `GET /stocks` on the frontend. */
  async stocks(): Promise<StockState[]> {
    return this.frontendData<StockState[]>('/stocks');
  }

  /** Stops every process and removes the data dir. */
  async stop(): Promise<void> {
    this.frontend.close();
    await this.local.stop();
    EvalCluster.live.delete(this);
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
    const api = new InternalApi(this.replica(id).spec.url ?? '', this.local.token);
    try {
      return await read(api);
    } finally {
      api.close();
    }
  }
}
