import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HttpAdapterName } from '../../config/app-config';
import { ReplicaStatus } from '../../shared/contracts';
import { readInternal } from '../inspect/internal-api';
import {
  DEFAULT_REPLICA_IDS,
  describeExit,
  FRONTEND,
  LocalCluster,
  ManagedProcess,
  ProcessSpec,
  replicaName,
  startLocalCluster,
  waitFor,
  waitForHealthy,
} from '../process';

export { REPO_ROOT as ROOT } from '../process';
export const HEALTH_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 5000;

export interface BenchClusterSettings {
  readonly adapter: HttpAdapterName;
  readonly launcher?: readonly string[];
  /** Each process profiles into `<cpuProfDir>/<name>`. */
  readonly cpuProfDir?: string;
  /** App settings for every process (bench --env). */
  readonly env?: Readonly<Record<string, string>>;
  /** Node flags for every process (bench --node-flags). */
  readonly nodeFlags?: readonly string[];
  /** Another checkout whose `dist/main.js` the processes run (a duel's other build); this one when absent. */
  readonly root?: string;
}

/**
 * Adds the launcher (taskset), profiling and other node flags of the benchmark to any process spec,
 * after the spec's own flags (a role's ROLE_NODE_FLAGS): a flag given twice, the last one counts.
 */
export function benchSpec<T extends ProcessSpec>(
  spec: T,
  launcher?: readonly string[],
  cpuProfDir?: string,
  nodeFlags: readonly string[] = [],
): T {
  const profiling = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', join(cpuProfDir, spec.name)] : [];
  return { ...spec, launcher, nodeArgs: [...(spec.nodeArgs ?? []), ...nodeFlags, ...profiling] };
}

/**
 * The node flags another checkout's roles start with: its own ROLE_NODE_FLAGS, so that a duel
 * compares two builds as each starts; none for a build from before they existed.
 */
export function roleNodeFlagsOf(root: string): readonly string[] {
  const file = join(root, 'dist', 'shared', 'runtime', 'role-node-flags.js');
  if (!existsSync(file)) return [];
  const built = createRequire(__filename)(file) as { ROLE_NODE_FLAGS?: readonly string[] };
  return built.ROLE_NODE_FLAGS ?? [];
}

/** A cluster member's spec with the bench's launcher, profiling, node flags and --env settings. */
export function clusterMemberSpec<T extends ProcessSpec>(spec: T, settings: BenchClusterSettings): T {
  const env = { ...spec.env, ...settings.env };
  return benchSpec({ ...spec, env }, settings.launcher, settings.cpuProfDir, settings.nodeFlags);
}

function describeStatus(status: ReplicaStatus): string {
  const role = status.leading ? 'leading' : 'following';
  return `${replicaName(status.id)} ${role} epoch ${status.epoch}, last order ${status.lastNumber}${status.ready ? '' : ', not ready'}`;
}

/** A fresh five-process cluster in a temp dir on free ports, whose members can be killed and restarted. */
export class BenchCluster {
  readonly replicaIds: readonly number[] = DEFAULT_REPLICA_IDS;
  private readonly members: Map<string, ManagedProcess>;

  private constructor(private readonly local: LocalCluster) {
    this.members = new Map(local.group.processes.map((member) => [member.name, member]));
  }

  get token(): string {
    return this.local.token;
  }

  static async start(settings: BenchClusterSettings): Promise<BenchCluster> {
    const local = await startLocalCluster({
      tempPrefix: 'stock-bazaar-bench-',
      healthTimeoutMs: HEALTH_TIMEOUT_MS,
      httpAdapter: settings.adapter,
      restockIntervalMs: 0,
      mapSpec: (spec) => {
        if (!settings.root) return clusterMemberSpec(spec, settings);
        const member = clusterMemberSpec({ ...spec, nodeArgs: roleNodeFlagsOf(settings.root) }, settings);
        return { ...member, script: join(settings.root, 'dist', 'main.js'), cwd: settings.root };
      },
    });
    return new BenchCluster(local);
  }

  get frontendUrl(): string {
    return this.member(FRONTEND).spec.url ?? '';
  }

  /** Every running member's pid, by process name. */
  pids(): Map<string, number | undefined> {
    return new Map([...this.members].map(([name, member]) => [name, member.pid]));
  }

  /** A member's state for an error message: its pid, or how it exited and its last output line. */
  describe(name: string): string {
    const member = this.member(name);
    if (member.pid !== undefined) return `running as pid ${member.pid}`;
    const exit = member.exitStatus ? describeExit(member.exitStatus) : 'never started';
    const last = member.output().at(-1);
    return last === undefined ? exit : `${exit}; its last line: ${last}`;
  }

  frontend(): ManagedProcess {
    return this.member(FRONTEND);
  }

  replica(id: number): ManagedProcess {
    return this.member(replicaName(id));
  }

  status(id: number): Promise<ReplicaStatus> {
    return readInternal(this.replica(id).spec.url ?? '', this.token, (api) => api.replicaStatus(), 2000);
  }

  /** Status of every running replica. */
  async statuses(): Promise<ReplicaStatus[]> {
    const running = this.replicaIds.filter((id) => this.replica(id).running);
    return Promise.all(running.map((id) => this.status(id)));
  }

  async leaderId(): Promise<number> {
    return waitFor(async () => (await this.statuses()).find((status) => status.leading)?.id, {
      timeoutMs: 30_000,
      description: 'a replica to lead',
    });
  }

  /** Waits until every running replica is ready and holds the same last number; answers it. */
  async settled(timeoutMs = 60_000): Promise<number> {
    return waitFor(
      async () => {
        const statuses = await this.statuses();
        const numbers = new Set(statuses.map((status) => status.lastNumber));
        const leading = statuses.filter((status) => status.leading).length;
        if (statuses.every((status) => status.ready) && numbers.size === 1 && leading === 1)
          return statuses[0].lastNumber;
        // Thrown, not answered undefined, so that a timeout says what the replicas were doing.
        throw new Error(statuses.map(describeStatus).join('; '));
      },
      { timeoutMs, intervalMs: 50, description: 'the replicas to settle on one log' },
    );
  }

  /** Starts a stopped member and answers the ms from spawn until its /health answered 200. */
  async startMember(member: ManagedProcess): Promise<number> {
    const started = performance.now();
    member.start();
    await waitForHealthy(member.spec.url ?? '', {
      timeoutMs: HEALTH_TIMEOUT_MS,
      // Fine-grained: this is the catch-up measurement.
      intervalMs: 10,
      description: `${member.name} to be healthy`,
      abortIf: () => (member.exitStatus ? `${member.name} exited (${describeExit(member.exitStatus)})` : undefined),
    });
    return performance.now() - started;
  }

  /** Replaces the frontend by one with the cache on or off (same port). */
  async restartFrontend(cacheEnabled: boolean): Promise<void> {
    const old = this.member(FRONTEND);
    await old.stop(STOP_TIMEOUT_MS);
    const spec = { ...old.spec, env: { ...old.spec.env, CACHE_ENABLED: String(cacheEnabled) } };
    const frontend = new ManagedProcess(spec);
    this.members.set(FRONTEND, frontend);
    frontend.start();
    await frontend.waitHealthy(HEALTH_TIMEOUT_MS);
  }

  async stop(): Promise<void> {
    // restartFrontend may have replaced a member of the started group.
    await Promise.all([...this.members.values()].map((member) => member.stop(STOP_TIMEOUT_MS)));
    await this.local.stop();
  }

  /** SIGSTOP to every member: the cluster neither runs nor wakes until `thaw`. */
  freeze(): void {
    this.signalAll('SIGSTOP');
  }

  thaw(): void {
    this.signalAll('SIGCONT');
  }

  private signalAll(signal: NodeJS.Signals): void {
    for (const member of this.members.values()) member.signal(signal);
  }

  /** Synchronous SIGKILL for exit handlers. */
  killNow(): void {
    for (const member of this.members.values()) member.killNow();
  }

  private member(name: string): ManagedProcess {
    const found = this.members.get(name);
    if (!found) throw new Error(`no process named ${name}`);
    return found;
  }
}
