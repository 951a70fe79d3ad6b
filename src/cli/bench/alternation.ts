import { setTimeout as sleep } from 'node:timers/promises';
import { BenchCluster } from './bench-cluster';
import { BenchContext } from './bench-context';
import { DuelChunk, roleCpuMs } from './duel-figures';
import { clockTicksPerSecond, cpuDeltaTicks, cpuSnapshot } from './process-cpu';
import { quiesce } from './scenarios/trades';
import { tradeRequests } from './trade-verification';

/** After SIGCONT: timers that fell due while frozen fire, heartbeats resume, before anything is counted. */
export const THAW_SETTLE_MS = 1000;

/** One of two clusters measured in turns, and the chunks measured so far. */
export interface Contender {
  readonly label: string;
  readonly cluster: BenchCluster;
  readonly chunks: DuelChunk[];
}

export interface AlternationPlan {
  /** Chunks of each contender. */
  readonly pairs: number;
  readonly clients: number;
  readonly trades: number;
}

/** Measures one chunk of `contender` while `other` is frozen; every trade is checked against the log. */
async function measureChunk(
  ctx: BenchContext,
  contender: Contender,
  other: Contender,
  { clients, trades }: AlternationPlan,
): Promise<DuelChunk> {
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
  return {
    trades,
    wallMs: result.elapsedMs,
    cpuMs: roleCpuMs(ticks, leaderId, 1000 / clockTicksPerSecond()),
    otherTicks: frozen,
  };
}

/**
 * Two clusters on the same cores, measured in turns: `plan.pairs` chunks of trades each, the first
 * contender first in even pairs and the second in odd ones, the cluster not measured frozen
 * (SIGSTOP) meanwhile. The host's speed drifts within minutes, more than many of the differences
 * measured; alternating chunks of seconds puts both clusters in the same minutes.
 */
export async function alternate(
  ctx: BenchContext,
  [first, second]: readonly [Contender, Contender],
  plan: AlternationPlan,
  onChunk: (pair: number, contender: Contender, chunk: DuelChunk) => void,
): Promise<void> {
  try {
    for (let pair = 0; pair < plan.pairs; pair++) {
      const order = pair % 2 === 0 ? [first, second] : [second, first];
      for (const contender of order) {
        const measured = await measureChunk(ctx, contender, contender === first ? second : first, plan);
        contender.chunks.push(measured);
        onChunk(pair, contender, measured);
      }
    }
  } finally {
    first.cluster.thaw();
    second.cluster.thaw();
  }
}

/** Trades/s over all of a contender's chunks, each from its first request sent to its last answer. */
export function chunkRate(chunks: readonly DuelChunk[]): number {
  const trades = chunks.reduce((sum, chunk) => sum + chunk.trades, 0);
  const wallMs = chunks.reduce((sum, chunk) => sum + chunk.wallMs, 0);
  return wallMs > 0 ? (trades * 1000) / wallMs : 0;
}
