import { join } from 'node:path';
import { HttpAdapterName } from '../../../config/app-config';
import { ROLE_NODE_FLAGS } from '../../../shared/runtime/role-node-flags';
import { freePort, ManagedProcess } from '../../process';
import { takeTurns, TurnTaker } from '../alternation';
import { BenchCluster, benchSpec, HEALTH_TIMEOUT_MS, ROOT } from '../bench-cluster';
import { BenchContext, describeThroughput, mergePeaks, throughputOf } from '../bench-context';
import { BASELINE_KINDS, BaselineKind, LookupAlternation, LookupResults, Throughput } from '../bench-results.types';
import { BASELINE_PATH, BASELINE_QUOTES, CACHED_LOOKUP } from '../baselines';
import { median } from '../latency-figures';
import { LoadPlan } from '../load.types';

const BASELINE_SCRIPT = join(__dirname, '..', 'baseline-server.js');

function lookupPlan(ctx: BenchContext, url: string, connections = ctx.sizes.readConnections): LoadPlan {
  return {
    url,
    connections,
    durationSec: ctx.sizes.durationSec,
    requests: [CACHED_LOOKUP],
  };
}

async function baselineProcess(
  ctx: BenchContext,
  kind: BaselineKind,
  adapter: HttpAdapterName,
): Promise<ManagedProcess> {
  const port = await freePort();
  const args = ['--kind', kind, '--adapter', adapter, '--port', String(port)];
  const name = kind === 'raw' ? 'baseline-raw' : `baseline-${kind}-${adapter}`;
  const spec = {
    name,
    script: BASELINE_SCRIPT,
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    url: `http://127.0.0.1:${port}`,
  };
  const profDir = ctx.options.cpuProfDir ? join(ctx.options.cpuProfDir, adapter) : undefined;
  // The libraries baseline stands for a role without its own code, so it starts as a role does;
  // the others as node starts them, as the targets were set.
  const nodeArgs = kind === 'nest-libraries' ? ROLE_NODE_FLAGS : [];
  return new ManagedProcess(benchSpec({ ...spec, args, nodeArgs }, ctx.pinning.serverLauncher, profDir));
}

/** Starts one baseline server, measures lookups against it, stops it. */
async function measureBaseline(
  ctx: BenchContext,
  kind: BaselineKind,
  adapter: HttpAdapterName,
  rss: Map<string, number>,
): Promise<Throughput> {
  const server = await baselineProcess(ctx, kind, adapter);
  const forget = ctx.onAbort(() => server.killNow());
  try {
    server.start();
    await server.waitHealthy(HEALTH_TIMEOUT_MS);
    const url = server.spec.url ?? '';
    const { result, rss: peaks, cpu } = await ctx.measure(lookupPlan(ctx, url), () => new Map([[kind, server.pid]]));
    mergePeaks(rss, peaks);
    const figures = throughputOf(result, cpu);
    ctx.progress(`baseline ${kind}: ${describeThroughput(figures)}`);
    return figures;
  } finally {
    await server.stop();
    forget();
  }
}

interface LookupContender extends TurnTaker {
  readonly url: string;
  readonly rps: number[];
}

/**
 * Cached lookups through the frontend and the NestJS + our pipe/filter baseline in turns: pairs of
 * chunks of 50 connections, alternating which goes first, the other frozen. Every pair has a
 * frontend and a baseline process of its own (a baseline started, the frontend restarted after the
 * first pair), both warmed up: eight processes of one baseline answered up to 21 % apart, so one process of each
 * would judge two processes rather than two builds (docs/PERFORMANCE.md, twelfth round). Only the
 * frontend is frozen while the baseline runs: the rest of the cluster, which a cached lookup never
 * reaches, idles through both turns alike. Freezing and thawing it too every few seconds raised
 * the frontend's own CPU per lookup from 58 to 66–73 µs (seventh round).
 */
async function cachedInTurns(
  ctx: BenchContext,
  cluster: BenchCluster,
  adapter: HttpAdapterName,
): Promise<LookupAlternation> {
  const { lookupChunks: pairs, lookupChunkSec: chunkSec } = ctx.sizes;
  const frontend: LookupContender = {
    url: cluster.frontendUrl,
    rps: [],
    freeze: () => cluster.frontend().signal('SIGSTOP'),
    thaw: () => cluster.frontend().signal('SIGCONT'),
  };
  const baselineRps: number[] = [];
  const [frontendPids, baselinePids]: (number | undefined)[][] = [[], []];
  for (let pair = 0; pair < pairs; pair++) {
    if (pair > 0) await cluster.restartFrontend(true);
    const server = await baselineProcess(ctx, 'nest-pipes', adapter);
    const forget = ctx.onAbort(() => server.killNow());
    const baseline: LookupContender = {
      url: server.spec.url ?? '',
      rps: baselineRps,
      freeze: () => server.signal('SIGSTOP'),
      thaw: () => server.signal('SIGCONT'),
    };
    try {
      server.start();
      await server.waitHealthy(HEALTH_TIMEOUT_MS);
      frontendPids.push(cluster.frontend().pid);
      baselinePids.push(server.pid);
      for (const contender of [frontend, baseline])
        await ctx.load({ ...lookupPlan(ctx, contender.url), durationSec: ctx.sizes.warmupSec });
      // One pair of turns on these two processes; the start order alternates from pair to pair.
      const order: [LookupContender, LookupContender] = pair % 2 === 0 ? [frontend, baseline] : [baseline, frontend];
      await takeTurns(1, order, async (contender) => {
        const result = await ctx.load({ ...lookupPlan(ctx, contender.url), durationSec: chunkSec });
        contender.rps.push(result.rps);
      });
    } finally {
      await server.stop();
      forget();
    }
    ctx.progress(
      `cached lookup in turns, pair ${pair + 1} of ${pairs} (processes of its own): ${Math.round(frontend.rps[pair])} against ${Math.round(baselineRps[pair])} req/s`,
    );
  }
  const pairRatios = frontend.rps.map((rps, i) => rps / baselineRps[i]);
  return {
    pairs,
    chunkSec,
    frontendRps: frontend.rps,
    baselineRps,
    pairRatios,
    ratio: median(pairRatios),
    frontendPids,
    baselinePids,
  };
}

/** The ratios only mean something when the frontend answers the very bytes the baselines answer. */
async function warnIfBodiesDiffer(ctx: BenchContext, url: string): Promise<void> {
  const expected = JSON.stringify({ data: BASELINE_QUOTES.get('GameStart') });
  const actual = await (await fetch(url)).text();
  if (actual !== expected) ctx.progress(`WARNING: the frontend answers ${actual}, the baselines ${expected}`);
}

function ratios(
  rps: number,
  baselines: Partial<Record<BaselineKind, Throughput>>,
): Partial<Record<BaselineKind, number>> {
  return Object.fromEntries(
    Object.entries(baselines).map(([kind, figures]) => [kind, figures && figures.rps > 0 ? rps / figures.rps : NaN]),
  );
}

/**
 * a) cached (50 connections and one) and b) uncached lookups through the frontend, and the three
 * baselines; the cached one also in turns with the NestJS + our pipe/filter baseline.
 */
export async function lookupScenario(
  ctx: BenchContext,
  cluster: BenchCluster,
  adapter: HttpAdapterName,
  clusterRss: Map<string, number>,
  baselineRss: Map<string, number>,
): Promise<LookupResults> {
  const baselines: Partial<Record<BaselineKind, Throughput>> = {};
  for (const kind of BASELINE_KINDS) baselines[kind] = await measureBaseline(ctx, kind, adapter, baselineRss);

  await warnIfBodiesDiffer(ctx, `${cluster.frontendUrl}${BASELINE_PATH}`);
  const cachedRun = await ctx.measure(lookupPlan(ctx, cluster.frontendUrl), () => cluster.pids());
  mergePeaks(clusterRss, cachedRun.rss);
  const cached = throughputOf(cachedRun.result, cachedRun.cpu);
  ctx.progress(`cached lookup: ${describeThroughput(cached)}`);
  const cachedInTurnsResult = await cachedInTurns(ctx, cluster, adapter);
  ctx.progress(
    `cached lookup in turns with NestJS + our pipe/filter: ${cachedInTurnsResult.ratio.toFixed(2)}× (median of the pairs)`,
  );
  const oneClientRun = await ctx.measure(lookupPlan(ctx, cluster.frontendUrl, 1), () => cluster.pids());
  mergePeaks(clusterRss, oneClientRun.rss);
  const cachedOneClient = throughputOf(oneClientRun.result, oneClientRun.cpu);
  ctx.progress(`cached lookup, 1 client: ${describeThroughput(cachedOneClient)}`);

  await cluster.restartFrontend(false);
  try {
    const uncachedRun = await ctx.measure(lookupPlan(ctx, cluster.frontendUrl), () => cluster.pids());
    mergePeaks(clusterRss, uncachedRun.rss);
    const uncached = throughputOf(uncachedRun.result, uncachedRun.cpu);
    ctx.progress(`uncached lookup: ${describeThroughput(uncached)}`);
    return {
      baselines,
      cached,
      cachedOneClient,
      uncached,
      cachedRatio: ratios(cached.rps, baselines),
      uncachedRatio: ratios(uncached.rps, baselines),
      cachedInTurns: cachedInTurnsResult,
    };
  } finally {
    await cluster.restartFrontend(true);
  }
}
