import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { HttpAdapterName } from '../../config/app-config';
import { alternate, Contender } from './alternation';
import { BenchCluster, ROOT } from './bench-cluster';
import { BenchContext } from './bench-context';
import { DuelSide, duelMarkdown, DuelSummary, summariseDuel, totalMs } from './duel-figures';
import { tradeRequests } from './trade-verification';

export interface DuelResults {
  readonly adapter: HttpAdapterName;
  readonly clients: number;
  readonly chunkTrades: number;
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
 * alternating chunks of trades (see `alternate`), so that both builds meet the same minutes of the
 * host's drifting speed.
 */
export async function runDuel(ctx: BenchContext, adapter: HttpAdapterName, otherRoot: string): Promise<DuelResults> {
  const { duelChunks, tradeWarmupTrades } = ctx.sizes;
  const clients = ctx.options.duelClients;
  const settings = ctx.clusterSettings(adapter);
  const contenders: Contender[] = [];
  const forget = ctx.onAbort(() => contenders.forEach((contender) => contender.cluster.killNow()));
  try {
    // The other build first: the table then reads as this build's change against it.
    for (const root of [otherRoot, ROOT]) {
      const label = buildLabel(root);
      ctx.progress(`starting the cluster of ${label}`);
      const cluster = await BenchCluster.start({ ...settings, root: root === ROOT ? undefined : root });
      contenders.push({ label, cluster, chunks: [] });
    }
    const [first, second] = contenders;
    // Both at once, neither frozen: nothing here is measured, and one cluster frozen through the
    // other's whole warm-up (40 s) once did not settle within a minute of its thaw (not understood:
    // the same freeze outside a duel recovered at once). Chunks freeze a cluster for seconds only.
    ctx.progress(`warming both clusters up with ${tradeWarmupTrades.toLocaleString('en-US')} trades each`);
    await Promise.all(
      contenders.map(({ cluster }) =>
        ctx.load({
          url: cluster.frontendUrl,
          connections: clients,
          amount: tradeWarmupTrades,
          requests: tradeRequests(),
        }),
      ),
    );
    const plan = { pairs: duelChunks, clients, trades: ctx.options.duelTrades };
    await alternate(ctx, [first, second], plan, (pair, contender, measured) => {
      const perTrade = totalMs(measured.cpuMs) / measured.trades;
      const leak = measured.otherTicks > 0 ? ` (the frozen cluster used ${measured.otherTicks} ticks meanwhile)` : '';
      ctx.progress(
        `chunk ${pair + 1} of ${duelChunks}, ${contender.label}: ${perTrade.toFixed(2)} ms of CPU per trade${leak}`,
      );
    });
    const sides = contenders.map(({ label, chunks }) => ({ label, chunks }));
    return { adapter, clients, chunkTrades: ctx.options.duelTrades, sides, summary: summariseDuel(sides[0], sides[1]) };
  } finally {
    ctx.progress('stopping both clusters');
    await Promise.all(contenders.map((contender) => contender.cluster.stop()));
    forget();
  }
}

/** Duels on every adapter asked for; prints each table and writes duel.json. */
export async function runDuels(ctx: BenchContext, otherRoot: string): Promise<DuelResults[]> {
  const { options } = ctx;
  ctx.progress(
    `duel against ${otherRoot}; mode ${options.mode}; adapters ${options.adapters.join(', ')}; ${ctx.pinning.description}`,
  );
  const duels: DuelResults[] = [];
  for (const adapter of options.adapters) {
    ctx.section = adapter;
    duels.push(await runDuel(ctx, adapter, otherRoot));
  }
  ctx.section = '';
  await mkdir(options.outDir, { recursive: true });
  const file = join(options.outDir, 'duel.json');
  await writeFile(file, `${JSON.stringify(duels, null, 2)}\n`);
  for (const duel of duels) console.log(`\n${duel.adapter}: ${duelMarkdown(duel.summary, duel.clients)}`);
  ctx.progress(`wrote ${relative(process.cwd(), file)}`);
  return duels;
}
