import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** Where servers and load generator run; `launcher` prefixes a command (empty: not pinned). */
export interface CpuPinning {
  readonly serverLauncher?: readonly string[];
  readonly loadLauncher?: readonly string[];
  /** For the report, e.g. "servers on cpu 0, load on cpu 1 (taskset)". */
  readonly description: string;
}

function findTaskset(): string | undefined {
  const found = spawnSync('which', ['taskset'], { encoding: 'utf8' });
  const path = found.status === 0 ? found.stdout.trim() : '';
  return path === '' ? undefined : path;
}

/**
 * Servers on `serverCpus`, load on `loadCpus`, with taskset when it exists and the machine has
 * more than one core; otherwise nothing is pinned and the report says so.
 */
export function cpuPinning(enabled: boolean, serverCpus: string, loadCpus: string): CpuPinning {
  if (!enabled) return { description: 'not pinned (--no-pin)' };
  if (availableParallelism() < 2) return { description: 'not pinned (one core)' };
  const taskset = findTaskset();
  if (taskset === undefined) return { description: 'not pinned (taskset not found)' };
  return {
    serverLauncher: [taskset, '-c', serverCpus],
    loadLauncher: [taskset, '-c', loadCpus],
    description: `servers on cpu ${serverCpus}, load generator on cpu ${loadCpus} (taskset)`,
  };
}
