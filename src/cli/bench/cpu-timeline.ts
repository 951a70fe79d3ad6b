import { Periodic } from './periodic';
import { CpuSnapshot, cpuSnapshot } from './process-cpu';
import { PidsByName } from './process-memory';

export interface TimedSnapshot {
  /** Epoch ms. */
  readonly at: number;
  readonly snapshot: CpuSnapshot;
}

/** A process's ticks at `at`, linear between the samples around it, clamped to the first and last. */
export function ticksAt(series: readonly { at: number; ticks: number }[], at: number): number {
  if (series.length === 0) return NaN;
  if (at <= series[0].at) return series[0].ticks;
  for (let i = 1; i < series.length; i++) {
    const [left, right] = [series[i - 1], series[i]];
    if (at <= right.at) {
      const share = right.at === left.at ? 1 : (at - left.at) / (right.at - left.at);
      return left.ticks + share * (right.ticks - left.ticks);
    }
  }
  return series[series.length - 1].ticks;
}

/**
 * Ticks each process used from `from` to `to` (epoch ms), read off a timeline; undefined when the
 * timeline is empty or a process was missing or replaced in one of its samples.
 */
export function windowTicks(
  samples: readonly TimedSnapshot[],
  from: number,
  to: number,
): Map<string, number> | undefined {
  const first = samples[0]?.snapshot;
  if (first === undefined || first.size === 0) return undefined;
  const ticks = new Map<string, number>();
  for (const [name, { pid }] of first) {
    const series: { at: number; ticks: number }[] = [];
    for (const { at, snapshot } of samples) {
      const sample = snapshot.get(name);
      if (sample === undefined || sample.pid !== pid) return undefined;
      series.push({ at, ticks: sample.ticks });
    }
    ticks.set(name, ticksAt(series, to) - ticksAt(series, from));
  }
  return ticks;
}

/**
 * Samples the CPU ticks of named processes every `intervalMs`, for runs whose measured window is
 * known only afterwards (the load client reports when its load started and how long it lasted).
 */
export class CpuTimeline {
  private readonly samples: TimedSnapshot[] = [];
  private readonly periodic: Periodic;

  constructor(pids: PidsByName, intervalMs = 20) {
    this.periodic = new Periodic(() => this.samples.push({ at: Date.now(), snapshot: cpuSnapshot(pids) }), intervalMs);
  }

  /** Stops (after one last sample) and answers every sample, oldest first. */
  stop(): readonly TimedSnapshot[] {
    this.periodic.stop();
    return [...this.samples];
  }
}
