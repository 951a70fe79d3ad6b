import { Periodic } from './periodic';
import { readProc } from './proc-file';

/** Resident set size of a process in MB (VmRSS in /proc/<pid>/status); undefined when unknown. */
export function residentMb(pid: number | undefined): number | undefined {
  return readProc(pid, 'status', parseVmRssMb);
}

export function parseVmRssMb(status: string): number | undefined {
  const match = /^VmRSS:\s*(\d+)\s*kB$/m.exec(status);
  return match ? Number(match[1]) / 1024 : undefined;
}

export type PidsByName = () => ReadonlyMap<string, number | undefined>;

/** Samples the RSS of named processes every `intervalMs` and keeps each one's peak. */
export class PeakRssSampler {
  private readonly peaks = new Map<string, number>();
  private readonly periodic: Periodic;

  constructor(
    private readonly pids: PidsByName,
    intervalMs = 200,
  ) {
    this.periodic = new Periodic(() => this.sample(), intervalMs);
  }

  /** Stops sampling (after one last sample) and returns the peak of each process, MB. */
  stop(): Map<string, number> {
    this.periodic.stop();
    return new Map(this.peaks);
  }

  private sample(): void {
    for (const [name, pid] of this.pids()) {
      const mb = residentMb(pid);
      if (mb !== undefined) this.peaks.set(name, Math.max(mb, this.peaks.get(name) ?? 0));
    }
  }
}

/** The RSS of each named process now, MB. */
export function residentNow(pids: PidsByName): Map<string, number> {
  const now = new Map<string, number>();
  for (const [name, pid] of pids()) {
    const mb = residentMb(pid);
    if (mb !== undefined) now.set(name, mb);
  }
  return now;
}
