import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONFIG_VARIABLES, HTTP_ADAPTERS, HttpAdapterName, LAUNCHER_VARIABLES } from '../../config/app-config';
import { integerFlag, parseFlags, UsageError } from '../args/cli-args';
import { DUEL_WORKLOADS, DuelWorkload } from './duel-figures';

export type BenchMode = 'full' | 'quick' | 'smoke';
export const SCENARIOS = ['lookups', 'trades', 'sidebyside', 'size', 'orders', 'failover', 'catchup'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** How long and how big each measurement is in a mode. */
export interface BenchSizes {
  readonly warmupSec: number;
  readonly durationSec: number;
  /** Connections for lookups and order queries. */
  readonly readConnections: number;
  readonly tradeClients: readonly number[];
  /**
   * A trade run's warm-up in trades, at the run's own client count: the one-client path reaches its
   * steady CPU per trade only after a few thousand one-client trades (≈ 1.5× higher before, even
   * right after thousands from 50 clients), far more than a time-based warm-up sends.
   */
  readonly tradeWarmupTrades: number;
  readonly failoverRounds: number;
  readonly failoverClients: number;
  /** Load runs this long before the leader is killed… */
  readonly killAfterMs: number;
  /** …and this long after. */
  readonly afterKillMs: number;
  readonly catchUpOrders: number;
  /** Lookups per client of the side-by-side load-client run (5 clients, p = 0.5). */
  readonly sideBySideIterations: number;
  /** …after an unmeasured run of the same workload with this many per client. */
  readonly sideBySideWarmupIterations: number;
  /** The log is filled to this many orders before trades are measured again (flat with size). */
  readonly sizeOrders: number;
  /**
   * Then the filled cluster and a fresh one take turns: this many chunks of 50-client trades each,
   * of this many trades.
   */
  readonly sizeChunks: number;
  readonly sizeChunkTrades: number;
  /**
   * Cached lookups against the NestJS + our pipe/filter baseline in turns: this many chunks of
   * each, of this many seconds.
   */
  readonly lookupChunks: number;
  readonly lookupChunkSec: number;
  /** Chunks of each build in a duel (--duel), and trades per chunk. */
  readonly duelChunks: number;
  readonly duelChunkTrades: number;
  /** Cached lookups per chunk of a lookups duel. */
  readonly duelChunkLookups: number;
}

export interface BenchOptions {
  readonly mode: BenchMode;
  readonly sizes: BenchSizes;
  readonly adapters: readonly HttpAdapterName[];
  readonly scenarios: readonly ScenarioName[];
  /** results.json and BENCHMARKS.md go here. */
  readonly outDir: string;
  readonly markdownFile: string;
  /** Set with --env: app settings given to every cluster process (the rest keep their defaults). */
  readonly clusterEnv: Readonly<Record<string, string>>;
  /** Set with --node-flags: V8 / Node flags for every cluster process (not the baselines). */
  readonly nodeFlags: readonly string[];
  /** Set with --cpu-prof: where server processes write their .cpuprofile files. */
  readonly cpuProfDir?: string;
  readonly pin: boolean;
  readonly serverCpus: string;
  readonly loadCpus: string;
  /** Set with --duel: another checkout (with dist/ built) to measure against this one, instead of the scenarios. */
  readonly duel?: string;
  /** What a duel's chunks send (--duel-workload): trades by default, or cached lookups. */
  readonly duelWorkload: DuelWorkload;
  /** Clients (connections) of a duel (--duel-clients): 1 trading client, or the read connections for lookups. */
  readonly duelClients: number;
  /** Requests per chunk of a duel (--duel-trades; the mode's size for the workload otherwise). */
  readonly duelChunkRequests: number;
  /** Duels per adapter, each with fresh clusters, the start order alternating (--duel-runs). */
  readonly duelRuns: number;
  readonly help: boolean;
}

export const SIZES: Readonly<Record<BenchMode, BenchSizes>> = {
  full: {
    warmupSec: 3,
    durationSec: 10,
    readConnections: 50,
    tradeClients: [1, 10, 50],
    tradeWarmupTrades: 4_000,
    failoverRounds: 5,
    failoverClients: 10,
    killAfterMs: 2000,
    afterKillMs: 6000,
    catchUpOrders: 10_000,
    sideBySideIterations: 1500,
    sideBySideWarmupIterations: 500,
    sizeOrders: 100_000,
    lookupChunks: 6,
    lookupChunkSec: 3,
    sizeChunks: 6,
    sizeChunkTrades: 6000,
    duelChunks: 12,
    duelChunkTrades: 300,
    duelChunkLookups: 8000,
  },
  quick: {
    warmupSec: 1,
    durationSec: 3,
    readConnections: 50,
    tradeClients: [1, 10, 50],
    tradeWarmupTrades: 1_000,
    failoverRounds: 1,
    failoverClients: 10,
    killAfterMs: 1000,
    afterKillMs: 4000,
    catchUpOrders: 1000,
    sideBySideIterations: 400,
    sideBySideWarmupIterations: 100,
    sizeOrders: 10_000,
    lookupChunks: 2,
    lookupChunkSec: 1,
    sizeChunks: 2,
    sizeChunkTrades: 1000,
    duelChunks: 4,
    duelChunkTrades: 200,
    duelChunkLookups: 4000,
  },
  smoke: {
    warmupSec: 0.5,
    durationSec: 1,
    readConnections: 20,
    tradeClients: [1, 10, 50],
    tradeWarmupTrades: 100,
    failoverRounds: 1,
    failoverClients: 10,
    killAfterMs: 700,
    afterKillMs: 3000,
    catchUpOrders: 300,
    sideBySideIterations: 60,
    sideBySideWarmupIterations: 20,
    sizeOrders: 2000,
    lookupChunks: 2,
    lookupChunkSec: 0.5,
    sizeChunks: 1,
    sizeChunkTrades: 200,
    duelChunks: 2,
    duelChunkTrades: 50,
    duelChunkLookups: 500,
  },
};

export const BENCH_USAGE = `Usage: npm run bench -- [options]

Starts its own cluster (and baseline servers) from dist/, measures, prints a table and writes
results.json and BENCHMARKS.md. Run \`npm run build\` first.

  --quick               CI-sized run (results in docs/benchmarks-quick/)
  --smoke               an even smaller run, to check that the script works
  --adapters LIST       comma-separated HTTP adapters to measure (default express,fastify)
  --scenarios LIST      subset of ${SCENARIOS.join(',')} (default all)
  --out DIR             where results.json and BENCHMARKS.md go
                        (default: docs/benchmarks + docs/BENCHMARKS.md; quick/smoke: docs/benchmarks-quick)
  --env LIST            comma-separated NAME=VALUE settings for every cluster process, to measure one:
                        e.g. SPARE_APPEND_DELAY_MS=0,HEAP_GROWTH_PERCENT=300 (named in the report)
  --node-flags=FLAGS    space-separated node / V8 flags for every cluster process, not the baselines,
                        e.g. --node-flags="--single-threaded-gc --max-semi-space-size=4" (named in the report)
  --cpu-prof            run every server with --cpu-prof; profiles land in <out>/cpu-profiles/
  --cpu-prof-dir DIR    … or in DIR
  --no-pin              do not pin servers and load to separate cores with taskset
  --server-cpus LIST    taskset cpu list for servers (default 0)
  --load-cpus LIST      taskset cpu list for the load generator (default 1)
  --duel DIR            instead of the scenarios: this build against the one in DIR (another checkout
                        with dist/ built; its roles start with its own node flags), both
                        clusters on the server cpus, chunks of trades
                        alternating between them, the other cluster frozen (SIGSTOP) meanwhile;
                        prints CPU ms per trade by role, this build's change against DIR's, and
                        writes <out>/duel.json
  --duel-workload W     trades (default) or lookups: chunks of cached lookups of one stock instead,
                        with the lookups scenario's 50 connections; prints CPU µs per lookup
  --duel-clients N      trading clients (or connections) in a duel (default 1; lookups 50)
  --duel-trades N       requests per chunk of a duel (default 300 trades, quick 200, smoke 50; lookups
                        8000, 4000, 500); give more with more clients, e.g. 3000 trades for 50, so
                        that each chunk lasts a second or more
  --duel-runs N         duels per adapter (default 1), each with two fresh clusters, which of them
                        starts first alternating; prints every duel and the median of their ratios.
                        Two clusters of one build can differ by 10 % for a whole duel, so a change
                        of a few % needs several (docs/PERFORMANCE.md, tenth round)
  -h, --help            show this text`;

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${flag} takes one of ${allowed.join(', ')} (got '${value}')`);
  return value as T;
}

function list<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const bad = items.find((item) => !(allowed as readonly string[]).includes(item));
  if (bad !== undefined || items.length === 0) {
    throw new UsageError(`${flag} takes a comma-separated subset of ${allowed.join(',')} (got '${value}')`);
  }
  return [...new Set(items as T[])];
}

const SETTABLE = CONFIG_VARIABLES.filter((name) => !(LAUNCHER_VARIABLES as readonly string[]).includes(name));

function clusterEnv(value: string | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const item of (value ?? '').split(',').filter((part) => part.trim() !== '')) {
    const match = /^\s*([A-Z_]+)=(.*?)\s*$/.exec(item);
    if (!match || !(SETTABLE as readonly string[]).includes(match[1])) {
      throw new UsageError(`--env takes NAME=VALUE items with NAME one of ${SETTABLE.join(', ')} (got '${item}')`);
    }
    env[match[1]] = match[2];
  }
  return env;
}

function nodeFlags(value: string | undefined): string[] {
  const flags = (value ?? '').split(' ').filter((flag) => flag !== '');
  const bad = flags.find((flag) => !/^--[a-z]/.test(flag));
  if (bad !== undefined) throw new UsageError(`--node-flags takes flags like --single-threaded-gc (got '${bad}')`);
  return flags;
}

function cpuList(flag: string, value: string): string {
  if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(value))
    throw new UsageError(`${flag} must be a cpu list like 0 or 0-1 (got '${value}')`);
  return value;
}

function duelRoot(root: string): string {
  if (!existsSync(join(root, 'dist', 'main.js'))) {
    throw new UsageError(`--duel needs a checkout with dist/ built: ${join(root, 'dist', 'main.js')} not found`);
  }
  return root;
}

export function parseBenchOptions(argv: readonly string[], cwd = process.cwd()): BenchOptions {
  const values = parseFlags(argv, {
    quick: { type: 'boolean' },
    smoke: { type: 'boolean' },
    adapters: { type: 'string' },
    scenarios: { type: 'string' },
    out: { type: 'string' },
    env: { type: 'string' },
    'node-flags': { type: 'string' },
    'cpu-prof': { type: 'boolean' },
    'cpu-prof-dir': { type: 'string' },
    'no-pin': { type: 'boolean' },
    'server-cpus': { type: 'string' },
    'load-cpus': { type: 'string' },
    duel: { type: 'string' },
    'duel-clients': { type: 'string' },
    'duel-trades': { type: 'string' },
    'duel-workload': { type: 'string' },
    'duel-runs': { type: 'string' },
  });
  if (values.quick && values.smoke) throw new UsageError('choose one of --quick and --smoke');
  const mode: BenchMode = values.smoke ? 'smoke' : values.quick ? 'quick' : 'full';
  const defaultOut = mode === 'full' ? join('docs', 'benchmarks') : join('docs', 'benchmarks-quick');
  const outDir = resolve(cwd, values.out ?? defaultOut);
  const markdownFile =
    mode === 'full' && values.out === undefined ? resolve(cwd, 'docs', 'BENCHMARKS.md') : join(outDir, 'BENCHMARKS.md');
  const duelWorkload = oneOf('--duel-workload', values['duel-workload'], DUEL_WORKLOADS) ?? 'trades';
  const sizes = SIZES[mode];
  const profiling = values['cpu-prof'] === true || values['cpu-prof-dir'] !== undefined;
  return {
    mode,
    sizes,
    adapters: list('--adapters', values.adapters, HTTP_ADAPTERS) ?? [...HTTP_ADAPTERS],
    scenarios: list('--scenarios', values.scenarios, SCENARIOS) ?? [...SCENARIOS],
    outDir,
    markdownFile,
    clusterEnv: clusterEnv(values.env),
    nodeFlags: nodeFlags(values['node-flags']),
    cpuProfDir: profiling ? resolve(cwd, values['cpu-prof-dir'] ?? join(outDir, 'cpu-profiles')) : undefined,
    pin: values['no-pin'] !== true,
    serverCpus: cpuList('--server-cpus', values['server-cpus'] ?? '0'),
    loadCpus: cpuList('--load-cpus', values['load-cpus'] ?? '1'),
    duel: values.duel === undefined ? undefined : duelRoot(resolve(cwd, values.duel)),
    duelWorkload,
    duelClients:
      integerFlag('--duel-clients', values['duel-clients'], 1, 1000) ??
      (duelWorkload === 'trades' ? 1 : sizes.readConnections),
    duelChunkRequests:
      integerFlag('--duel-trades', values['duel-trades'], 10, 1_000_000) ??
      (duelWorkload === 'trades' ? sizes.duelChunkTrades : sizes.duelChunkLookups),
    duelRuns: integerFlag('--duel-runs', values['duel-runs'], 1, 50) ?? 1,
    help: values.help ?? false,
  };
}
