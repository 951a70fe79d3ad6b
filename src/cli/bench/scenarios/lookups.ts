import { join } from 'node:path';
import { HttpAdapterName } from '../../../config/app-config';
import { freePort, ManagedProcess } from '../../process';
import { BenchCluster, benchSpec, HEALTH_TIMEOUT_MS, ROOT } from '../bench-cluster';
import { BenchContext, describeThroughput, mergePeaks, throughputOf } from '../bench-context';
import { BaselineKind, LookupResults, Throughput } from '../bench-results.types';
import { BASELINE_PATH, BASELINE_QUOTES } from '../baselines';
import { LoadPlan } from '../load.types';

const BASELINE_SCRIPT = join(__dirname, '..', 'baseline-server.js');
const BASELINE_KINDS: readonly BaselineKind[] = ['raw', 'nest', 'nest-pipes'];

function lookupPlan(ctx: BenchContext, url: string, connections = ctx.sizes.readConnections): LoadPlan {
  return {
    url,
    connections,
    durationSec: ctx.sizes.durationSec,
    requests: [{ method: 'GET', path: BASELINE_PATH }],
  };
}

async function baselineProcess(
  ctx: BenchContext,
  kind: BaselineKind,
  adapter: HttpAdapterName,
): Promise<ManagedProcess> {
  const port = await freePort();
  const args = ['--kind', kind === 'raw' ? 'raw' : 'nest', '--adapter', adapter, '--port', String(port)];
  const name = kind === 'raw' ? 'baseline-raw' : `baseline-${kind}-${adapter}`;
  const spec = {
    name,
    script: BASELINE_SCRIPT,
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    url: `http://127.0.0.1:${port}`,
  };
  const profDir = ctx.options.cpuProfDir ? join(ctx.options.cpuProfDir, adapter) : undefined;
  return new ManagedProcess(
    benchSpec(
      { ...spec, args: kind === 'nest-pipes' ? [...args, '--pipes'] : args },
      ctx.pinning.serverLauncher,
      profDir,
    ),
  );
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

/** a) cached (50 connections and one) and b) uncached lookups through the frontend, and the three baselines. */
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
    };
  } finally {
    await cluster.restartFrontend(true);
  }
}
