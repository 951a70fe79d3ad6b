import { RequestKind, Verification } from '../load/load.types';
import { KindSummary } from '../load/run-summary';

/** What `GET /cache` answers. */
export interface CacheSnapshot {
  readonly enabled: boolean;
  readonly capacity: number;
  /** Most recently used first. */
  readonly keys: readonly string[];
  readonly hits: number;
  readonly misses: number;
  readonly evictions: number;
  readonly invalidations: number;
}

export interface StockState {
  readonly name: string;
  readonly quantity: number;
  readonly volume: number;
}

export interface MachineInfo {
  readonly cores: number;
  readonly cpuModel: string;
  readonly nodeVersion: string;
  readonly platform: string;
  readonly date: string;
  /** 1-minute load average when the evaluation started and ended: other work on the machine. */
  readonly loadAverageStart: number;
  readonly loadAverageEnd?: number;
}

/** One load run of the latency experiment (one cache setting, one p). */
export interface LatencyRun {
  readonly cache: 'on' | 'off';
  readonly p: number;
  readonly durationMs: number;
  readonly latency: readonly KindSummary[];
  readonly placed: number;
  readonly refused: number;
  readonly verification: Verification & { readonly passed: boolean };
  /** Lookup hit ratio during this run, from the change of `GET /cache` counters (cache on only). */
  readonly hitRatio?: number;
}

export interface TimedCacheSnapshot extends CacheSnapshot {
  /** Milliseconds since the timeline started. */
  readonly at: number;
}

export interface CacheTimeline {
  readonly capacity: number;
  readonly stockCount: number;
  readonly p: number;
  readonly snapshots: readonly TimedCacheSnapshot[];
}

export interface CrashEvent {
  /** Milliseconds since the load started. */
  readonly at: number;
  readonly kind: 'kill' | 'restart';
  readonly replica: number;
  readonly wasLeader: boolean;
  /** For restarts: how long from spawn until healthy (caught up). */
  readonly tookMs?: number;
}

/** Requests of one type finished within one time bin. */
export interface TimeBin {
  readonly kind: RequestKind;
  /** Bin start, seconds since the load started. */
  readonly t: number;
  readonly count: number;
  readonly meanMs: number;
  readonly maxMs: number;
  readonly errors: number;
  readonly retries: number;
}

export interface ConvergenceCheck {
  readonly identical: boolean;
  /** Log length of each replica (id → entries). */
  readonly lengths: Readonly<Record<number, number>>;
  /** How long after the load stopped the logs were compared equal (or the wait gave up). */
  readonly waitedMs: number;
}

export interface ConservationCheck {
  readonly holds: boolean;
  /** One line per stock whose quantity or volume disagrees with the order log. */
  readonly problems: readonly string[];
}

export interface CrashExperiment {
  readonly p: number;
  readonly clients: number;
  readonly durationMs: number;
  readonly events: readonly CrashEvent[];
  readonly latency: readonly KindSummary[];
  readonly bins: readonly TimeBin[];
  readonly binSeconds: number;
  readonly placed: number;
  readonly refused: number;
  readonly verification: Verification & { readonly passed: boolean };
  readonly convergence: ConvergenceCheck;
  readonly conservation: ConservationCheck;
}

export interface EvaluationResults {
  readonly mode: 'quick' | 'full';
  readonly seed: number;
  readonly machine: MachineInfo;
  readonly clients: number;
  readonly iterations: number;
  readonly cacheSizeForLatency: number;
  readonly latencyRuns: readonly LatencyRun[];
  readonly cacheTimeline: CacheTimeline;
  readonly crash: CrashExperiment;
  readonly totalMs: number;
}
