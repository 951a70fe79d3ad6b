import { spawnSync } from 'node:child_process';
import { CpuCost } from './bench-results.types';
import { readProc } from './proc-file';
import { PidsByName } from './process-memory';

/**
 * utime + stime in clock ticks from a `/proc/<pid>/stat` text: the process's own threads, dead
 * ones included (children excluded). The command name may hold spaces and parentheses, so the
 * fields are counted from the last `)`.
 */
export function parseCpuTicks(stat: string): number | undefined {
  const end = stat.lastIndexOf(')');
  if (end < 0) return undefined;
  // After "pid (comm) ", field 3 (state) comes first: utime is field 14, stime field 15.
  const fields = stat.slice(end + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isSafeInteger(utime) && Number.isSafeInteger(stime) ? utime + stime : undefined;
}

export function cpuTicks(pid: number | undefined): number | undefined {
  return readProc(pid, 'stat', parseCpuTicks);
}

let ticksPerSecond: number | undefined;

/** `getconf CLK_TCK` (normally 100, i.e. 10 ms per tick); 100 where it cannot be asked. */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    const answer = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
    const value = Number(answer.stdout?.trim());
    ticksPerSecond = answer.status === 0 && Number.isInteger(value) && value > 0 ? value : 100;
  }
  return ticksPerSecond;
}

export interface CpuSample {
  readonly pid: number;
  readonly ticks: number;
}

/** Ticks of every named process that can be read now. */
export type CpuSnapshot = ReadonlyMap<string, CpuSample>;

export function cpuSnapshot(pids: PidsByName): Map<string, CpuSample> {
  const snapshot = new Map<string, CpuSample>();
  for (const [name, pid] of pids()) {
    const ticks = cpuTicks(pid);
    if (pid !== undefined && ticks !== undefined) snapshot.set(name, { pid, ticks });
  }
  return snapshot;
}

/**
 * Ticks each process used between two snapshots; undefined when nothing was read or a process
 * was missing, replaced or restarted in between (a partial sum would pass for the whole cost).
 */
export function cpuDeltaTicks(before: CpuSnapshot, after: CpuSnapshot): Map<string, number> | undefined {
  if (before.size === 0 || before.size !== after.size) return undefined;
  const delta = new Map<string, number>();
  for (const [name, first] of before) {
    const last = after.get(name);
    if (last === undefined || last.pid !== first.pid) return undefined;
    delta.set(name, last.ticks - first.ticks);
  }
  return delta;
}

/** Names of the processes that `cpuDeltaTicks` could not count: unreadable at either end, or replaced. */
export function unsteadyProcesses(before: CpuSnapshot, after: CpuSnapshot, names: Iterable<string>): string[] {
  return [...names].filter((name) => {
    const first = before.get(name);
    return first === undefined || after.get(name)?.pid !== first.pid;
  });
}

/** CPU ms per request from the ticks of each process over a run that served `count` requests. */
export function cpuCost(
  ticksByProcess: ReadonlyMap<string, number>,
  count: number,
  perSecond = clockTicksPerSecond(),
): CpuCost | undefined {
  if (count <= 0 || ticksByProcess.size === 0) return undefined;
  const tickMs = 1000 / perSecond;
  const byProcessMs: Record<string, number> = {};
  let ticks = 0;
  for (const [name, used] of ticksByProcess) {
    byProcessMs[name] = (used * tickMs) / count;
    ticks += used;
  }
  return {
    totalMs: ticks * tickMs,
    count,
    perRequestMs: (ticks * tickMs) / count,
    byProcessMs,
    // Each process's reading is exact to one tick.
    resolutionMs: (ticksByProcess.size * tickMs) / count,
  };
}
