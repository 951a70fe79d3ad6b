import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  CATALOG,
  clusterSpecs,
  consolePrefixer,
  DEFAULT_REPLICA_IDS,
  freePorts,
  FRONTEND,
  ManagedProcess,
  ProcessGroup,
  replicaName,
  RoleProcessSpec,
  withoutAppConfig,
} from '../process';

// The same from dist/cli/chaos and src/cli/chaos.
const ROOT = resolve(__dirname, '..', '..', '..');
const MAIN_SCRIPT = join(ROOT, 'dist', 'main.js');
const STOP_TIMEOUT_MS = 5000;

export interface ChaosClusterSettings {
  readonly heartbeatMs: number;
  readonly healthTimeoutMs: number;
  /** Print every child's output, prefixed with its name. */
  readonly logs: boolean;
}

/** A fresh local cluster on free ports in a temporary folder, removed again by `stop()`. */
export class ChaosCluster {
  readonly replicaIds: readonly number[] = DEFAULT_REPLICA_IDS;

  private constructor(
    readonly dataDir: string,
    readonly token: string,
    private readonly specs: readonly RoleProcessSpec[],
    readonly group: ProcessGroup,
  ) {}

  static async start(settings: ChaosClusterSettings): Promise<ChaosCluster> {
    if (!existsSync(MAIN_SCRIPT)) throw new Error(`${MAIN_SCRIPT} not found: run \`npm run build\` first`);
    const dataDir = await mkdtemp(join(tmpdir(), 'stock-bazaar-chaos-'));
    const token = randomBytes(24).toString('hex');
    const [frontend, catalog, ...replicaPorts] = await freePorts(2 + DEFAULT_REPLICA_IDS.length);
    const specs = clusterSpecs({
      mainScript: MAIN_SCRIPT,
      cwd: ROOT,
      dataDir,
      token,
      ports: { frontend, catalog, replicas: new Map(DEFAULT_REPLICA_IDS.map((id, i) => [id, replicaPorts[i]])) },
      baseEnv: { ...withoutAppConfig(process.env), NO_COLOR: '1' },
      heartbeatMs: settings.heartbeatMs,
      // Restocking would change quantities outside the order log and void the conservation check.
      restockIntervalMs: 0,
    });
    const sink = settings.logs ? consolePrefixer(specs.map((spec) => spec.name)).sink : undefined;
    const group = new ProcessGroup(specs.map((spec) => new ManagedProcess(spec, { sink })));
    const cluster = new ChaosCluster(dataDir, token, specs, group);
    try {
      await group.startAll(settings.healthTimeoutMs);
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
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
    const spec = this.specs.find((candidate) => candidate.name === name);
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
    try {
      await this.group.stopAll(STOP_TIMEOUT_MS);
    } finally {
      await rm(this.dataDir, { recursive: true, force: true });
    }
  }

  killAllNow(): void {
    this.group.killAllNow();
  }
}
