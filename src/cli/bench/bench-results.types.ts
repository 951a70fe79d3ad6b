import { HttpAdapterName } from '../../config/app-config';
import { MachineInfo } from '../evaluation/eval-results.types';
import { BenchMode, BenchSizes, ScenarioName } from './bench-options';

/** The same facts the evaluation records. */
export type MachineFacts = MachineInfo;

/** CPU time (utime + stime, every thread) the measured processes spent over a run. */
export interface CpuCost {
  /** Summed over the processes, ms. */
  readonly totalMs: number;
  /** What it is divided by: successful requests (trades, for a trade run). */
  readonly count: number;
  /** totalMs ÷ count. */
  readonly perRequestMs: number;
  /** Each process's CPU ms per request. */
  readonly byProcessMs: Readonly<Record<string, number>>;
  /** How exact perRequestMs is: one clock tick per process, ÷ count. */
  readonly resolutionMs: number;
}

/** One measured load run. */
export interface Throughput {
  readonly connections: number;
  /** 2xx responses per second. */
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly durationMs: number;
  /** Of the server processes under load (the five of the cluster); absent where /proc cannot be read. */
  readonly cpu?: CpuCost;
}

/** The servers a lookup run measures the frontend against, each serving the same JSON from a Map. */
export const BASELINE_KINDS = ['raw', 'nest', 'nest-pipes', 'nest-libraries'] as const;
export type BaselineKind = (typeof BASELINE_KINDS)[number];

export interface LookupResults {
  readonly baselines: Partial<Record<BaselineKind, Throughput>>;
  readonly cached: Throughput;
  /** The same cached lookup with one connection: what a single client waits for the cheapest request. */
  readonly cachedOneClient: Throughput;
  readonly uncached: Throughput;
  /** cached rps ÷ baseline rps. */
  readonly cachedRatio: Partial<Record<BaselineKind, number>>;
  readonly uncachedRatio: Partial<Record<BaselineKind, number>>;
  readonly cachedInTurns: LookupAlternation;
}

/**
 * Cached lookups through the frontend and the NestJS + our pipe/filter baseline in alternating
 * chunks of 50 connections, the one not measured frozen: runs a minute apart compared the host's
 * speed as much as the servers.
 */
export interface LookupAlternation {
  readonly pairs: number;
  readonly chunkSec: number;
  /** req/s of each chunk, in the order measured within each contender. */
  readonly frontendRps: readonly number[];
  readonly baselineRps: readonly number[];
  /** Frontend ÷ baseline, pair by pair. */
  readonly pairRatios: readonly number[];
  /** The processes of each pair: every pair has a frontend and a baseline of its own. */
  readonly frontendPids?: readonly (number | undefined)[];
  readonly baselinePids?: readonly (number | undefined)[];
  /** The median of pairRatios: what target 6 judges. */
  readonly ratio: number;
}

export interface TradeRun extends Throughput {
  /** Orders in the leader's log when the measured run started. */
  readonly ordersBefore: number;
  /** How much the leader's log grew during the run. */
  readonly logGrowth: number;
  /** Every follower holds the leader's last number after the run. */
  readonly followersCaughtUp: boolean;
  /** 2xx count equals log growth, and the followers caught up. */
  readonly verified: boolean;
  /** Peak RSS of each cluster process during this run, MB. */
  readonly peakRssMb: RssByProcess;
}

/** Latency of one request type in the load client's run. */
export interface RequestFigures {
  readonly count: number;
  readonly errors: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
}

/** Our load client (`dist/cli/load-client.js`): clients loop "look up a random stock, trade it with p". */
export interface SideBySideResults {
  readonly clients: number;
  readonly p: number;
  readonly iterations: number;
  readonly seed: number;
  /** The load phase only (the client's verification afterwards excluded). */
  readonly durationMs: number;
  /** Lookups and trades. */
  readonly requests: number;
  readonly rps: number;
  readonly lookup: RequestFigures;
  readonly trade: RequestFigures;
  readonly tradesPlaced: number;
  /** 409 `not enough stock`: answered, but not a successful trade. */
  readonly tradesRefused: number;
  /** Every acknowledged order read back as placed. */
  readonly verified: boolean;
  readonly exitCode: number | null;
  /** CPU of all five processes over the load phase ÷ successful trades (the lookups' cost included). */
  readonly cpu?: CpuCost;
  /** The unmeasured run of the same workload before it: lookups per client, and its trades. */
  readonly warmup: { readonly iterations: number; readonly tradesPlaced: number };
}

/** One cluster's side of the filled-against-fresh alternation. */
export interface AlternationSide {
  /** Orders in its log before its first chunk. */
  readonly ordersBefore: number;
  readonly trades: number;
  /** Over its chunks' load time. */
  readonly tradesPerSec: number;
  /** All five processes. */
  readonly cpuMsPerTrade: number;
}

/**
 * The filled cluster against a fresh one started beside it, in alternating chunks of 50-client
 * trades (the one not measured frozen), so that both meet the same minutes of the host's speed.
 */
export interface SizeAlternation {
  readonly pairs: number;
  readonly chunkTrades: number;
  readonly filled: AlternationSide;
  readonly fresh: AlternationSide;
  /** Filled ÷ fresh trades/s, pair by pair. */
  readonly pairRatios: readonly number[];
}

/** Trades at 50 clients once the log holds `targetOrders`, against a fresh cluster. */
export interface SizeResults {
  readonly targetOrders: number;
  /** The log's size when the scenario started, and once filled (the measured run's warm-up adds more). */
  readonly ordersBefore: number;
  readonly ordersInLog: number;
  /** ordersInLog ≥ targetOrders. */
  readonly filled: boolean;
  readonly fillTrades: number;
  readonly fillMs: number;
  /** The filled cluster's 50-client run, measured as the fresh cluster's was (latency, RSS). */
  readonly run: TradeRun;
  readonly alternation: SizeAlternation;
  /** The median of the alternation's pair ratios (filled ÷ fresh trades/s): what target 4 judges. */
  readonly ratioToFresh: number;
  /** run.rps ÷ the fresh 50-client run's, minutes apart (host drift included); absent without that run. */
  readonly sequentialRatio?: number;
}

export interface FailoverRound {
  readonly killedReplica: number;
  /** Kill → first successful trade sent after the kill; null when none came. */
  readonly recoveryMs: number | null;
  /** The longest pause between two successful trades after the kill. */
  readonly longestGapMs: number;
  /** Non-2xx answers plus connection errors and timeouts, over the whole run. */
  readonly clientErrors: number;
  readonly trades: number;
  /** The killed replica's restart until /health answered 200. */
  readonly restartMs: number;
}

export interface FailoverResults {
  readonly rounds: readonly FailoverRound[];
  readonly medianRecoveryMs: number | null;
  readonly clientErrors: number;
}

export interface CatchUpResults {
  readonly replica: number;
  readonly missedOrders: number;
  /** Trades per second while the orders were inserted with the replica down. */
  readonly insertRps: number;
  /** Start of the lagging replica → its /health answered 200. */
  readonly catchUpMs: number;
  /** The same replica restarted with nothing to catch up: boot time alone. */
  readonly bootOnlyMs: number;
  /** It holds the leader's last number once healthy. */
  readonly caughtUp: boolean;
}

/** RSS in MB by process name. */
export type RssByProcess = Readonly<Record<string, number>>;

export interface MemoryResults {
  readonly idle: RssByProcess;
  /** Peak over every load run. */
  readonly underLoad: RssByProcess;
  readonly baselinesUnderLoad: RssByProcess;
}

export interface AdapterResults {
  readonly adapter: HttpAdapterName;
  readonly lookups?: LookupResults;
  readonly trades?: readonly TradeRun[];
  readonly sideBySide?: SideBySideResults;
  readonly size?: SizeResults;
  readonly orderQueries?: Throughput;
  readonly failover?: FailoverResults;
  readonly catchUp?: CatchUpResults;
  readonly memory: MemoryResults;
}

export type TargetStatus = 'met' | 'missed' | 'not measured';

export interface TargetCheck {
  /** The goal's number in issue #10; undefined for the earlier targets kept (failover, catch-up). */
  readonly goal?: number;
  readonly target: string;
  readonly status: TargetStatus;
  readonly measured: string;
}

export interface BenchResults {
  readonly mode: BenchMode;
  readonly sizes: BenchSizes;
  readonly scenarios: readonly ScenarioName[];
  readonly machine: MachineFacts;
  readonly pinning: string;
  /** Settings given to every cluster process with --env; empty: the defaults. */
  readonly clusterEnv: Readonly<Record<string, string>>;
  /** Node flags given to every cluster process with --node-flags. */
  readonly nodeFlags: readonly string[];
  /** ROLE_NODE_FLAGS: what every cluster process and the libraries baseline start with before them, the other baselines not. */
  readonly roleNodeFlags?: readonly string[];
  /** `getconf CLK_TCK`: the unit of every CPU figure is 1000 / this ms. */
  readonly clockTicksPerSec: number;
  readonly cpuProfDir?: string;
  readonly durationSec: number;
  readonly adapters: readonly AdapterResults[];
  readonly targets: readonly TargetCheck[];
}
