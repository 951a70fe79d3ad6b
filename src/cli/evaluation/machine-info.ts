import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, release } from 'node:os';
import { MachineInfo } from './eval-results.types';

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match) return match[1].trim();
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return cpus()[0]?.model ?? 'unknown';
}

export function machineInfo(): MachineInfo {
  return {
    cores: availableParallelism(),
    cpuModel: cpuModel(),
    nodeVersion: process.version,
    platform: `${platform()} ${release()}`,
    date: new Date().toISOString(),
    loadAverageStart: Number(loadavg()[0].toFixed(2)),
  };
}

export function withEndLoad(info: MachineInfo): MachineInfo {
  return { ...info, loadAverageEnd: Number(loadavg()[0].toFixed(2)) };
}
