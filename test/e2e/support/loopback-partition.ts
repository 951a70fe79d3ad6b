import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where cgroup v2 is mounted (its own mount, or the unified part of a v1 hierarchy). */
function cgroup2Root(): string | undefined {
  const mounts = readFileSync('/proc/mounts', 'utf8').split('\n');
  return mounts.map((line) => line.split(' ')).find((fields) => fields[2] === 'cgroup2')?.[1];
}

/** Why partitions cannot be made here, or undefined when they can (root, iptables, cgroup v2). */
export function partitionsUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root (iptables rules and cgroups)';
  try {
    execFileSync('iptables', ['-L', 'OUTPUT', '-n'], { stdio: 'ignore' });
  } catch {
    return 'needs iptables';
  }
  return cgroup2Root() ? undefined : 'needs a cgroup v2 mount';
}

/**
 * Real network partitions between processes on the loopback. Each process starts inside its own
 * cgroup (`launcherFor`, so every socket it opens belongs to it), and iptables drops what one sends
 * to the other's port (`-m cgroup --path` matches the sender). Cutting a pair drops both
 * directions, open connections included. `heal()` removes every rule; `dispose()` also removes the
 * cgroups (once their processes have stopped).
 */
export class LoopbackPartition {
  private readonly dir: string;
  private readonly ports = new Map<string, number>();
  private readonly rules: string[][] = [];

  constructor(runName: string) {
    const root = cgroup2Root();
    if (!root) throw new Error('no cgroup v2 mount');
    this.dir = join(root, `stock-bazaar-${runName}-${process.pid}`);
    mkdirSync(this.dir, { recursive: true });
  }

  /** The launcher that starts process `name` (listening on `port`) inside its cgroup. */
  launcherFor(name: string, port: number): string[] {
    const dir = join(this.dir, name);
    mkdirSync(dir, { recursive: true });
    this.ports.set(name, port);
    return ['sh', '-c', `echo $$ > ${join(dir, 'cgroup.procs')} && exec "$0" "$@"`];
  }

  /** Drops everything `a` and `b` send each other. */
  cut(a: string, b: string): void {
    this.drop(a, b);
    this.drop(b, a);
  }

  /** Cuts `name` off from each of `others`. */
  isolate(name: string, others: readonly string[]): void {
    for (const other of others) this.cut(name, other);
  }

  heal(): void {
    while (this.rules.length > 0) execFileSync('iptables', ['-D', ...this.rules.pop()!]);
  }

  dispose(): void {
    this.heal();
    if (!existsSync(this.dir)) return;
    for (const name of readdirSync(this.dir, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
      rmdirSync(join(this.dir, name.name));
    }
    rmdirSync(this.dir);
  }

  private drop(from: string, to: string): void {
    const port = this.ports.get(to);
    if (!this.ports.has(from) || port === undefined) throw new Error(`start ${from} and ${to} with launcherFor first`);
    const group = join(this.dir, from).slice(cgroup2Root()!.length + 1);
    const rule = [
      'OUTPUT',
      '-o',
      'lo',
      '-p',
      'tcp',
      '--dport',
      String(port),
      '-m',
      'cgroup',
      '--path',
      group,
      '-j',
      'DROP',
    ];
    execFileSync('iptables', ['-A', ...rule]);
    this.rules.push(rule);
  }
}
