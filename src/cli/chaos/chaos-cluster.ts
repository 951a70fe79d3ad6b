import {
  CATALOG,
  CatalogDatabase,
  DEFAULT_REPLICA_IDS,
  FRONTEND,
  LocalCluster,
  ManagedProcess,
  openCatalogDatabase,
  ProcessGroup,
  replicaName,
  startLocalCluster,
} from '../process';
import { Topology } from '../args/topology-flags';

export interface ChaosClusterSettings extends Topology {
  readonly heartbeatMs: number;
  readonly restockMs: number;
  readonly restockThreshold: number;
  readonly healthTimeoutMs: number;
  /** Print every child's output, prefixed with its name. */
  readonly logs: boolean;
}

/**
 * A fresh local cluster on free ports in a temporary folder (with `postgres`, its catalogs on that
 * database, or on a throw-away server of its own), removed again by `stop()`.
 */
export class ChaosCluster {
  readonly replicaIds: readonly number[] = DEFAULT_REPLICA_IDS;
  readonly dataDir: string;
  readonly token: string;
  readonly group: ProcessGroup;

  private constructor(
    private readonly local: LocalCluster,
    private readonly database: CatalogDatabase,
  ) {
    this.dataDir = local.dataDir;
    this.token = local.token;
    this.group = local.group;
  }

  static async start(settings: ChaosClusterSettings): Promise<ChaosCluster> {
    const database = await openCatalogDatabase(settings.postgres);
    try {
      const local = await startLocalCluster({
        tempPrefix: 'stock-bazaar-chaos-',
        healthTimeoutMs: settings.healthTimeoutMs,
        logs: settings.logs,
        frontends: settings.frontends,
        catalogs: settings.catalogs,
        catalogDatabaseUrl: database.url,
        heartbeatMs: settings.heartbeatMs,
        restockIntervalMs: settings.restockMs,
        restockThreshold: settings.restockThreshold,
      });
      return new ChaosCluster(local, database);
    } catch (error) {
      await database.stop();
      throw error;
    }
  }

  /** Where the catalogs keep their stocks, for the report. */
  get storage(): string {
    return this.database.description;
  }

  get frontendUrl(): string {
    return this.url(FRONTEND);
  }

  get catalogUrl(): string {
    return this.url(CATALOG);
  }

  /** Every frontend's URL, the first one first. */
  get frontendUrls(): string[] {
    return this.namesOf('frontend').map((name) => this.url(name));
  }

  /** The names of the processes of a role: `frontend`, `frontend-2` …, or `catalog`, `catalog-2` … */
  namesOf(role: 'frontend' | 'catalog'): string[] {
    return this.local.specs.filter((spec) => spec.role === role).map((spec) => spec.name);
  }

  replicaUrl(id: number): string {
    return this.url(replicaName(id));
  }

  url(name: string): string {
    const spec = this.local.specs.find((candidate) => candidate.name === name);
    if (!spec) throw new Error(`no process named '${name}'`);
    return spec.url;
  }

  member(name: string): ManagedProcess {
    return this.group.get(name);
  }

  /** Starts every member that is not running and waits until all answer /health. */
  async startMissing(healthTimeoutMs: number): Promise<string[]> {
    const down = this.group.processes.filter((member) => !member.running).map((member) => member.name);
    for (const name of down) this.member(name).start();
    await Promise.all(this.group.processes.map((member) => member.waitHealthy(healthTimeoutMs)));
    return down;
  }

  async stop(): Promise<void> {
    await this.local.stop();
    await this.database.stop();
  }

  killAllNow(): void {
    this.group.killAllNow();
  }
}
