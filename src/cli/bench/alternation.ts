import { setTimeout as sleep } from 'node:timers/promises';
import { BenchCluster } from './bench-cluster';
import { BenchContext } from './bench-context';
import { CACHED_LOOKUP } from './baselines';
import { DuelChunk, DuelWorkload, roleCpuMs } from './duel-figures';
import { LoadPlan } from './load.types';
import { clockTicksPerSecond, cpuDeltaTicks, CpuSnapshot, cpuSnapshot, unsteadyProcesses } from './process-cpu';
import { quiesce } from './scenarios/trades';
import { tradeRequests } from './trade-verification';

/** After SIGCONT: timers that fell due while frozen fire, heartbeats resume, before anything is counted. */
const THAW_SETTLE_MS = 1000;

/** Something measured in turns with another: frozen (SIGSTOP) while the other is measured. */
export interface TurnTaker {
  freeze(): void;
  thaw(): void;
}

/**
 * `pairs` turns of each, the first first in even pairs and the second in odd ones, the one not
 * measured frozen meanwhile. The host's speed drifts within minutes, more than many of the
 * differences measured; alternating turns of seconds puts both in the same minutes.
 */
export async function takeTurns<T extends TurnTaker>(
  pairs: number,
  [first, second]: readonly [T, T],
  turn: (taker: T, other: T, pair: number) => Promise<void>,
): Promise<void> {
  try {
    for (let pair = 0; pair < pairs; pair++) {
      for (const taker of pair % 2 === 0 ? [first, second] : [second, first]) {
        const other = taker === first ? second : first;
        other.freeze();
        taker.thaw();
        await sleep(THAW_SETTLE_MS);
        await turn(taker, other, pair);
      }
    }
  } finally {
    first.thaw();
    second.thaw();
  }
}

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
  /** Public requests per chunk. */
  readonly requests: number;
  /** Trades unless named. */
  readonly workload?: DuelWorkload;
}

/** What one chunk sends: trades, or lookups of the one stock the cache already holds. */
export function chunkRequests(workload: DuelWorkload): LoadPlan['requests'] {
  return workload === 'trades' ? tradeRequests() : [CACHED_LOOKUP];
}

/**
 * Measures one chunk of `contender` (`other` frozen): every request must answer 2xx, and every
 * trade is checked against the log.
 */
async function measureChunk(
  ctx: BenchContext,
  contender: Contender,
  other: Contender,
  { clients, requests, workload = 'trades' }: AlternationPlan,
): Promise<DuelChunk> {
  const { cluster } = contender;
  const trading = workload === 'trades';
  const before = trading ? await quiesce(cluster) : 0;
  const leaderId = await cluster.leaderId();
  const pids = () => cluster.pids();
  const otherPids = () => other.cluster.pids();
  const otherStart = cpuSnapshot(otherPids);
  const start = cpuSnapshot(pids);
  const result = await ctx.load({
    url: cluster.frontendUrl,
    connections: clients,
    amount: requests,
    requests: chunkRequests(workload),
  });
  const logged = trading ? (await cluster.settled()) - before : requests;
  const end = cpuSnapshot(pids);
  const otherEnd = cpuSnapshot(otherPids);
  const ticks = cpuDeltaTicks(start, end);
  const otherTicks = cpuDeltaTicks(otherStart, otherEnd);
  if (ticks === undefined || otherTicks === undefined) {
    const unsteady = ({ label, cluster: of }: Contender, from: CpuSnapshot, to: CpuSnapshot) =>
      unsteadyProcesses(from, to, of.pids().keys()).map((name) => `${name} of ${label} (${of.describe(name)})`);
    const gone = [...unsteady(contender, start, end), ...unsteady(other, otherStart, otherEnd)];
    throw new Error(`a process exited or restarted during a chunk: ${gone.join(', ') || 'none could be read'}`);
  }
  if (result.ok !== requests || logged !== requests) {
    const log = trading ? `, the log grew by ${logged}` : '';
    throw new Error(`${contender.label}: ${result.ok} of ${requests} ${workload} answered 2xx${log}`);
  }
  const frozen = [...otherTicks.values()].reduce((sum, used) => sum + used, 0);
  return {
    requests,
    wallMs: result.elapsedMs,
    cpuMs: roleCpuMs(ticks, leaderId, 1000 / clockTicksPerSecond()),
    otherTicks: frozen,
  };
}

/** Two clusters on the same cores, measured in turns (`takeTurns`): `plan.pairs` chunks each. */
export async function alternate(
  ctx: BenchContext,
  contenders: readonly [Contender, Contender],
  plan: AlternationPlan,
  onChunk: (pair: number, contender: Contender, chunk: DuelChunk) => void,
): Promise<void> {
  const [first, second] = contenders.map((contender) => ({
    contender,
    freeze: () => contender.cluster.freeze(),
    thaw: () => contender.cluster.thaw(),
  }));
  await takeTurns(plan.pairs, [first, second], async ({ contender }, other, pair) => {
    const measured = await measureChunk(ctx, contender, other.contender, plan);
    contender.chunks.push(measured);
    onChunk(pair, contender, measured);
  });
}

/** Requests/s over all of a contender's chunks, each from its first request sent to its last answer. */
export function chunkRate(chunks: readonly DuelChunk[]): number {
  const requests = chunks.reduce((sum, chunk) => sum + chunk.requests, 0);
  const wallMs = chunks.reduce((sum, chunk) => sum + chunk.wallMs, 0);
  return wallMs > 0 ? (requests * 1000) / wallMs : 0;
}
