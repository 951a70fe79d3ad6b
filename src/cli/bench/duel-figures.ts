import { CATALOG, FRONTEND, replicaName } from '../../config/process-names';
import { median } from './latency-figures';

/** CPU ms of one chunk, by what each process did in it. */
export interface RoleCpuMs {
  readonly frontend: number;
  readonly catalog: number;
  readonly leader: number;
  /** Both followers together (the preferred one and the spare). */
  readonly followers: number;
}

/** One measured chunk of one build's cluster. */
export interface DuelChunk {
  /** Public requests answered: trades, or cached lookups in a lookups duel. */
  readonly requests: number;
  /** From the chunk's first request sent to its last answer. */
  readonly wallMs: number;
  readonly cpuMs: RoleCpuMs;
  /** CPU ticks the other build's cluster used meanwhile: 0 while it is frozen, as it should be. */
  readonly otherTicks: number;
}

/** One build's chunks, summed. */
export interface DuelSide {
  readonly label: string;
  readonly chunks: readonly DuelChunk[];
}

export interface DuelSideSummary {
  readonly label: string;
  readonly requests: number;
  /** CPU ms per request, by role and in all. */
  readonly perRequest: RoleCpuMs & { readonly all: number };
}

export interface DuelSummary {
  readonly sides: readonly [DuelSideSummary, DuelSideSummary];
  /** The second build's CPU per request ÷ the first's. */
  readonly ratio: number;
  /** In how many chunk pairs the second build cost less per request than the first. */
  readonly secondLower: number;
  readonly pairs: number;
}

const ROLES = ['frontend', 'catalog', 'leader', 'followers'] as const;

export function totalMs(cpu: RoleCpuMs): number {
  return ROLES.reduce((sum, role) => sum + cpu[role], 0);
}

/**
 * Sorts one chunk's CPU ticks by process name into roles; `leaderId` led the chunk. A process
 * missing from `ticks` counts nothing (the caller has checked that all five were read).
 */
export function roleCpuMs(ticks: ReadonlyMap<string, number>, leaderId: number, tickMs: number): RoleCpuMs {
  let followers = 0;
  let leader = 0;
  for (const [name, used] of ticks) {
    if (name === replicaName(leaderId)) leader += used;
    else if (name !== FRONTEND && name !== CATALOG) followers += used;
  }
  return {
    frontend: (ticks.get(FRONTEND) ?? 0) * tickMs,
    catalog: (ticks.get(CATALOG) ?? 0) * tickMs,
    leader: leader * tickMs,
    followers: followers * tickMs,
  };
}

function summarise(side: DuelSide): DuelSideSummary {
  const requests = side.chunks.reduce((sum, chunk) => sum + chunk.requests, 0);
  const perRole = Object.fromEntries(
    ROLES.map((role) => [role, side.chunks.reduce((sum, chunk) => sum + chunk.cpuMs[role], 0) / requests]),
  ) as unknown as RoleCpuMs;
  return { label: side.label, requests, perRequest: { ...perRole, all: totalMs(perRole) } };
}

const perRequestOf = (chunk: DuelChunk): number => totalMs(chunk.cpuMs) / chunk.requests;

/** Both builds' CPU per request, and how often the second was the cheaper one, chunk by chunk. */
export function summariseDuel(first: DuelSide, second: DuelSide): DuelSummary {
  const pairs = Math.min(first.chunks.length, second.chunks.length);
  if (pairs === 0) throw new Error('a duel needs at least one chunk of each build');
  let secondLower = 0;
  for (let i = 0; i < pairs; i++) if (perRequestOf(second.chunks[i]) < perRequestOf(first.chunks[i])) secondLower += 1;
  const sides = [summarise(first), summarise(second)] as const;
  return { sides, ratio: sides[1].perRequest.all / sides[0].perRequest.all, secondLower, pairs };
}

/** What a duel's chunks load the clusters with: trades, or cached lookups (`--duel-workload`). */
export const DUEL_WORKLOADS = ['trades', 'lookups'] as const;
export type DuelWorkload = (typeof DUEL_WORKLOADS)[number];

/** Trades in ms, with two decimals; a cached lookup costs some tens of µs, shown in µs. */
const UNITS: Record<DuelWorkload, { title: string; scale: number; digits: number }> = {
  trades: { title: 'CPU ms per trade', scale: 1, digits: 2 },
  lookups: { title: 'CPU µs per cached lookup', scale: 1000, digits: 1 },
};

/** The duel's table, as PERFORMANCE.md shows duels. */
export function duelMarkdown(summary: DuelSummary, clients: number, workload: DuelWorkload = 'trades'): string {
  const [first, second] = summary.sides;
  const { title, scale, digits } = UNITS[workload];
  const figure = (ms: number): string => (ms * scale).toFixed(digits);
  const row = (side: DuelSideSummary, extra: string): string =>
    `| ${side.label} | ${ROLES.map((role) => figure(side.perRequest[role])).join(' | ')} | ${figure(side.perRequest.all)}${extra} |`;
  const percent = Math.round((summary.ratio - 1) * 100);
  const change = `${percent > 0 ? '+' : percent < 0 ? '−' : '±'}${Math.abs(percent)} %`;
  const who = workload === 'trades' ? 'client' : 'connection';
  return [
    `${title}, ${clients} ${who}${clients === 1 ? '' : 's'}, ${summary.pairs} alternating chunks of each build:`,
    '',
    '| build | frontend | catalog | leader | followers | all five |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    row(first, ''),
    row(second, ` (${change}, lower in ${summary.secondLower} of ${summary.pairs} chunks)`),
  ].join('\n');
}

/** Several duels of the same two builds, each with fresh clusters: the spread of their ratios. */
export interface DuelRunsSummary {
  readonly runs: number;
  /** Each duel's second build's CPU per request ÷ the first's, in the order they ran. */
  readonly ratios: readonly number[];
  readonly median: number;
  /** In how many duels the second build cost less per request. */
  readonly secondLower: number;
}

export function summariseRuns(summaries: readonly DuelSummary[]): DuelRunsSummary {
  if (summaries.length === 0) throw new Error('no duels to summarise');
  const ratios = summaries.map((summary) => summary.ratio);
  return {
    runs: ratios.length,
    ratios,
    median: median(ratios),
    secondLower: ratios.filter((ratio) => ratio < 1).length,
  };
}

/** One line: how the second build compared in each duel, and the median. */
export function runsLine(runs: DuelRunsSummary, secondLabel: string): string {
  const times = (ratio: number): string => `${ratio.toFixed(3)}×`;
  return (
    `${runs.runs} duels with fresh clusters, the start order alternating: ${secondLabel} cost ` +
    `${runs.ratios.map(times).join(', ')} the other's CPU per request; median ${times(runs.median)}, ` +
    `lower in ${runs.secondLower} of ${runs.runs}`
  );
}
