import { performance } from 'node:perf_hooks';
import { HttpAdapterName } from '../../config/app-config';
import type { BenchClusterSettings } from './bench-cluster';
import { BenchOptions } from './bench-options';
import { CpuCost, RssByProcess, Throughput } from './bench-results.types';
import { CpuPinning } from './cpu-pinning';
import { runLoad } from './load';
import { LoadPlan, LoadResult } from './load.types';
import { cpuCost, cpuDeltaTicks, cpuSnapshot } from './process-cpu';
import { PeakRssSampler, PidsByName } from './process-memory';

/** A measured run: the load's figures, each process's peak RSS (MB) and the CPU it cost per 2xx. */
export interface SampledRun {
  readonly result: LoadResult;
  readonly rss: Map<string, number>;
  readonly cpu?: CpuCost;
}

/** What every scenario gets: the options, where to pin, a progress line, and load with RSS sampling. */
export class BenchContext {
  private readonly started = performance.now();
  /** Printed before every progress line, e.g. the adapter being measured. */
  section = '';
  private readonly aborters = new Set<() => void>();

  constructor(
    readonly options: BenchOptions,
    readonly pinning: CpuPinning,
  ) {}

  get sizes(): BenchOptions['sizes'] {
    return this.options.sizes;
  }

  progress(line: string): void {
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1).padStart(6);
    process.stdout.write(`[bench ${seconds}s] ${this.section ? `${this.section}: ` : ''}${line}\n`);
  }

  /** Registers a synchronous kill for exit and signal handlers; returns its removal. */
  onAbort(kill: () => void): () => void {
    this.aborters.add(kill);
    return () => this.aborters.delete(kill);
  }

  /** SIGKILLs every process still registered. */
  abortAll(): void {
    for (const kill of this.aborters) kill();
  }

  /** How every cluster of this run starts: pinned, with --env and --node-flags. */
  clusterSettings(adapter: HttpAdapterName): BenchClusterSettings {
    return {
      adapter,
      launcher: this.pinning.serverLauncher,
      env: this.options.clusterEnv,
      nodeFlags: this.options.nodeFlags,
    };
  }

  elapsedSec(): number {
    return (performance.now() - this.started) / 1000;
  }

  load(plan: LoadPlan): Promise<LoadResult> {
    return runLoad(plan, this.pinning.loadLauncher);
  }

  /** A warm-up run (same plan, not kept), then the measured one while sampling RSS and CPU of `pids`. */
  async measure(plan: LoadPlan, pids: PidsByName): Promise<SampledRun> {
    if (this.sizes.warmupSec > 0) await this.load({ ...plan, amount: undefined, durationSec: this.sizes.warmupSec });
    return this.sampled(plan, pids);
  }

  /**
   * One run while sampling the RSS of `pids`, and their CPU ticks before it and after `settle`
   * (e.g. until the followers hold the last order, so that their share counts too).
   */
  async sampled(plan: LoadPlan, pids: PidsByName, settle?: () => Promise<unknown>): Promise<SampledRun> {
    const sampler = new PeakRssSampler(pids);
    try {
      const before = cpuSnapshot(pids);
      const result = await this.load(plan);
      await settle?.();
      const ticks = cpuDeltaTicks(before, cpuSnapshot(pids));
      return { result, rss: sampler.stop(), cpu: ticks && cpuCost(ticks, result.ok) };
    } finally {
      sampler.stop();
    }
  }
}

export function throughputOf(result: LoadResult, cpu?: CpuCost): Throughput {
  return {
    connections: result.connections,
    rps: result.rps,
    p50Ms: result.latencyMs.p50,
    p99Ms: result.latencyMs.p99,
    meanMs: result.latencyMs.mean,
    ok: result.ok,
    non2xx: result.non2xx,
    errors: result.errors,
    durationMs: result.elapsedMs,
    cpu,
  };
}

export function describeThroughput(figures: Throughput): string {
  const errors = figures.non2xx + figures.errors;
  const cpu = figures.cpu ? `, CPU ${figures.cpu.perRequestMs.toFixed(2)} ms/request` : '';
  return `${Math.round(figures.rps)} req/s, p50 ${figures.p50Ms.toFixed(2)} ms, p99 ${figures.p99Ms.toFixed(2)} ms${cpu}${errors ? `, ${errors} errors` : ''}`;
}

/** Keeps the larger value per name. */
export function mergePeaks(into: Map<string, number>, more: ReadonlyMap<string, number>): void {
  for (const [name, mb] of more) into.set(name, Math.max(mb, into.get(name) ?? 0));
}

export function rssRecord(peaks: ReadonlyMap<string, number>): RssByProcess {
  return Object.fromEntries([...peaks].map(([name, mb]) => [name, Math.round(mb * 10) / 10]));
}
