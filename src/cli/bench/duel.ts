import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { HttpAdapterName } from '../../config/app-config';
import { alternate, chunkRequests, Contender } from './alternation';
import { BenchCluster, ROOT } from './bench-cluster';
import { BenchContext } from './bench-context';
import {
  DuelSide,
  duelMarkdown,
  DuelSummary,
  DuelWorkload,
  runsLine,
  summariseDuel,
  summariseRuns,
  totalMs,
} from './duel-figures';

export interface DuelResults {
  readonly adapter: HttpAdapterName;
  /** Which duel of the adapter's (--duel-runs), from 1, and whose cluster was started first in it. */
  readonly run: number;
  readonly startedFirst: 'other' | 'this';
  readonly workload: DuelWorkload;
  readonly clients: number;
  readonly chunkRequests: number;
  readonly sides: readonly DuelSide[];
  readonly summary: DuelSummary;
}

/** The checkout's commit and whether it has changes, or its path where git cannot say. */
export function buildLabel(root: string): string {
  const git = (...args: string[]) => spawnSync('git', ['-C', root, ...args], { encoding: 'utf8' });
  const commit = git('rev-parse', '--short', 'HEAD');
  if (commit.status !== 0) return root;
  const dirty = git('status', '--porcelain', '--untracked-files=no').stdout.trim() !== '';
  return `${commit.stdout.trim()}${dirty ? ' + changes' : ''} (${relative(process.cwd(), root) || '.'})`;
}

/**
 * Two builds' clusters side by side on the server cores: both warmed up, then measured in
 * alternating chunks of trades or cached lookups (see `alternate`), so that both builds meet the same minutes of the
 * host's drifting speed.
 */
export async function runDuel(
  ctx: BenchContext,
  adapter: HttpAdapterName,
  otherRoot: string,
  run: number,
): Promise<DuelResults> {
  const { duelChunks, tradeWarmupTrades, warmupSec } = ctx.sizes;
  const { duelClients: clients, duelWorkload: workload, duelChunkRequests } = ctx.options;
  const settings = ctx.clusterSettings(adapter);
  const contenders: Contender[] = [];
  const forget = ctx.onAbort(() => contenders.forEach((contender) => contender.cluster.killNow()));
  try {
    // Started in turns from duel to duel: two clusters of one build can differ by 10 % for a whole
    // duel, and which one starts first must not be what decides it.
    const startedFirst = run % 2 === 1 ? 'other' : 'this';
    const roots = startedFirst === 'other' ? [otherRoot, ROOT] : [ROOT, otherRoot];
    for (const root of roots) {
      const label = buildLabel(root);
      ctx.progress(`starting the cluster of ${label}`);
      const cluster = await BenchCluster.start({ ...settings, root: root === ROOT ? undefined : root });
      contenders.push({ label, cluster, chunks: [] });
    }
    // The other build's side first: the table then reads as this build's change against it.
    if (startedFirst === 'this') contenders.reverse();
    const [first, second] = contenders;
    // Both at once, neither frozen: nothing here is measured, and one cluster frozen through the
    // other's whole warm-up (40 s) once did not settle within a minute of its thaw (not understood:
    // the same freeze outside a duel recovered at once). Chunks freeze a cluster for seconds only.
    const length = workload === 'trades' ? { amount: tradeWarmupTrades } : { durationSec: warmupSec };
    const warmUp = (url: string) =>
      ctx.load({ url, connections: clients, requests: chunkRequests(workload), ...length });
    ctx.progress(
      workload === 'trades'
        ? `warming both clusters up with ${tradeWarmupTrades.toLocaleString('en-US')} trades each`
        : `warming both clusters up with ${warmupSec} s of cached lookups each`,
    );
    await Promise.all(contenders.map(({ cluster }) => warmUp(cluster.frontendUrl)));
    const plan = { pairs: duelChunks, clients, requests: duelChunkRequests, workload };
    await alternate(ctx, [first, second], plan, (pair, contender, measured) => {
      const perRequest = totalMs(measured.cpuMs) / measured.requests;
      const cost =
        workload === 'trades'
          ? `${perRequest.toFixed(2)} ms of CPU per trade`
          : `${(perRequest * 1000).toFixed(1)} µs of CPU per lookup`;
      const leak = measured.otherTicks > 0 ? ` (the frozen cluster used ${measured.otherTicks} ticks meanwhile)` : '';
      ctx.progress(`chunk ${pair + 1} of ${duelChunks}, ${contender.label}: ${cost}${leak}`);
    });
    const sides = contenders.map(({ label, chunks }) => ({ label, chunks }));
    const summary = summariseDuel(sides[0], sides[1]);
    return { adapter, run, startedFirst, workload, clients, chunkRequests: duelChunkRequests, sides, summary };
  } finally {
    ctx.progress('stopping both clusters');
    await Promise.all(contenders.map((contender) => contender.cluster.stop()));
    forget();
  }
}

/** `--duel-runs` duels on every adapter asked for; prints each table (and the runs' median) and writes duel.json. */
export async function runDuels(ctx: BenchContext, otherRoot: string): Promise<DuelResults[]> {
  const { options } = ctx;
  ctx.progress(
    `duel against ${otherRoot}; mode ${options.mode}; adapters ${options.adapters.join(', ')}; ` +
      `${options.duelRuns} duel(s) each; ${ctx.pinning.description}`,
  );
  const duels: DuelResults[] = [];
  for (const adapter of options.adapters) {
    for (let run = 1; run <= options.duelRuns; run++) {
      ctx.section = options.duelRuns === 1 ? adapter : `${adapter} duel ${run}/${options.duelRuns}`;
      duels.push(await runDuel(ctx, adapter, otherRoot, run));
    }
  }
  ctx.section = '';
  await mkdir(options.outDir, { recursive: true });
  const file = join(options.outDir, 'duel.json');
  await writeFile(file, `${JSON.stringify(duels, null, 2)}\n`);
  for (const adapter of options.adapters) {
    const ofAdapter = duels.filter((duel) => duel.adapter === adapter);
    for (const duel of ofAdapter) {
      const which = options.duelRuns === 1 ? '' : ` (duel ${duel.run}, ${duel.startedFirst} build started first)`;
      console.log(`\n${duel.adapter}${which}: ${duelMarkdown(duel.summary, duel.clients, duel.workload)}`);
    }
    if (ofAdapter.length > 1) {
      const runs = summariseRuns(ofAdapter.map((duel) => duel.summary));
      console.log(`\n${adapter}: ${runsLine(runs, ofAdapter[0].summary.sides[1].label)}`);
    }
  }
  ctx.progress(`wrote ${relative(process.cwd(), file)}`);
  return duels;
}
