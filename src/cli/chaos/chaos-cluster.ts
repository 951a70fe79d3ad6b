import {
  CATALOG,
  DEFAULT_REPLICA_IDS,
  FRONTEND,
  LocalCluster,
  ManagedProcess,
  ProcessGroup,
  replicaName,
  startLocalCluster,
} from '../process';

export interface ChaosClusterSettings {
  readonly heartbeatMs: number;
  readonly restockMs: number;
  readonly restockThreshold: number;
  readonly healthTimeoutMs: number;
  /** Print every child's output, prefixed with its name. */
  readonly logs: boolean;
}

/** A fresh local cluster on free ports in a temporary folder, removed again by `stop()`. */
export class ChaosCluster {
  readonly replicaIds: readonly number[] = DEFAULT_REPLICA_IDS;
  readonly dataDir: string;
  readonly token: string;
  readonly group: ProcessGroup;

  private constructor(private readonly local: LocalCluster) {
    this.dataDir = local.dataDir;
    this.token = local.token;
    this.group = local.group;
  }

  static async start(settings: ChaosClusterSettings): Promise<ChaosCluster> {
    const local = await startLocalCluster({
      tempPrefix: 'stock-bazaar-chaos-',
      healthTimeoutMs: settings.healthTimeoutMs,
      logs: settings.logs,
      heartbeatMs: settings.heartbeatMs,
      restockIntervalMs: settings.restockMs,
      restockThreshold: settings.restockThreshold,
    });
    return new ChaosCluster(local);
  }

  get frontendUrl(): string {
    return this.url(FRONTEND);
  }

  get catalogUrl(): string {
    return this.url(CATALOG);
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

  stop(): Promise<void> {
    return this.local.stop();
  }

  killAllNow(): void {
    this.group.killAllNow();
  }
}
