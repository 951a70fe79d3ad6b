import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { HttpAdapterName } from '../../config/app-config';
import { BenchCluster, ROOT } from './bench-cluster';
import { BenchContext } from './bench-context';
import { DuelChunk, DuelSide, duelMarkdown, DuelSummary, roleCpuMs, summariseDuel, totalMs } from './duel-figures';
import { clockTicksPerSecond, cpuDeltaTicks, cpuSnapshot } from './process-cpu';
import { quiesce } from './scenarios/trades';
import { tradeRequests } from './trade-verification';

/** After SIGCONT: timers that fell due while frozen fire, heartbeats resume, before anything is counted. */
const THAW_SETTLE_MS = 1000;

interface Contender {
  readonly label: string;
  readonly cluster: BenchCluster;
  readonly chunks: DuelChunk[];
}

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

/** Measures one chunk of `contender` while the other cluster is frozen; every trade is checked against the log. */
async function chunk(ctx: BenchContext, contender: Contender, other: Contender, clients: number): Promise<DuelChunk> {
  other.cluster.freeze();
  contender.cluster.thaw();
  await sleep(THAW_SETTLE_MS);
  const { cluster } = contender;
  const before = await quiesce(cluster);
  const leaderId = await cluster.leaderId();
  const pids = () => cluster.pids();
  const otherPids = () => other.cluster.pids();
  const otherStart = cpuSnapshot(otherPids);
  const start = cpuSnapshot(pids);
  const trades = ctx.options.duelTrades;
  const result = await ctx.load({
    url: cluster.frontendUrl,
    connections: clients,
    amount: trades,
    requests: tradeRequests(),
  });
  const after = await cluster.settled();
  const ticks = cpuDeltaTicks(start, cpuSnapshot(pids));
  const otherTicks = cpuDeltaTicks(otherStart, cpuSnapshot(otherPids));
  if (ticks === undefined || otherTicks === undefined)
    throw new Error('a process of a cluster restarted during a chunk');
  if (result.ok !== trades || after - before !== trades) {
    throw new Error(
      `${contender.label}: ${result.ok} of ${trades} trades answered 2xx, the log grew by ${after - before}`,
    );
  }
  const frozen = [...otherTicks.values()].reduce((sum, used) => sum + used, 0);
  return { trades, cpuMs: roleCpuMs(ticks, leaderId, 1000 / clockTicksPerSecond()), otherTicks: frozen };
}

/**
 * Two builds' clusters side by side on the server cores: each warmed up, then chunks of trades
 * alternating between them (the first build first in odd pairs, the second in even ones), the
 * cluster not measured frozen meanwhile. The host's speed drifts within minutes, more than many
 * changes are worth; a duel puts both builds in the same minutes.
 */
export async function runDuel(ctx: BenchContext, adapter: HttpAdapterName, otherRoot: string): Promise<DuelResults> {
  const { duelChunks, tradeWarmupTrades } = ctx.sizes;
  const clients = ctx.options.duelClients;
  const settings = {
    adapter,
    launcher: ctx.pinning.serverLauncher,
    env: ctx.options.clusterEnv,
    nodeFlags: ctx.options.nodeFlags,
  };
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
    for (let pair = 0; pair < duelChunks; pair++) {
      const order = pair % 2 === 0 ? [first, second] : [second, first];
      for (const contender of order) {
        const measured = await chunk(ctx, contender, contender === first ? second : first, clients);
        contender.chunks.push(measured);
        const perTrade = totalMs(measured.cpuMs) / measured.trades;
        const leak = measured.otherTicks > 0 ? ` (the frozen cluster used ${measured.otherTicks} ticks meanwhile)` : '';
        ctx.progress(
          `chunk ${pair + 1} of ${duelChunks}, ${contender.label}: ${perTrade.toFixed(2)} ms of CPU per trade${leak}`,
        );
      }
    }
    const sides = contenders.map(({ label, chunks }) => ({ label, chunks }));
    return { adapter, clients, chunkTrades: ctx.options.duelTrades, sides, summary: summariseDuel(sides[0], sides[1]) };
  } finally {
    for (const contender of contenders) contender.cluster.thaw();
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
