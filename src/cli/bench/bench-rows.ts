import { AdapterResults, BASELINE_KINDS, BaselineKind, Throughput } from './bench-results.types';
import { tradesAt } from './target-judgement';

/** Rows shared by the console table and BENCHMARKS.md. */
export type Table = { readonly headers: readonly string[]; readonly rows: readonly (readonly string[])[] };

export const fixed = (value: number | null | undefined, digits = 0): string =>
  value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
export const ratio = (value: number | undefined): string =>
  value === undefined || Number.isNaN(value) ? '' : `${value.toFixed(2)}×`;

const BASELINE_LABELS: Readonly<Record<BaselineKind, string>> = {
  raw: 'baseline: raw node:http',
  nest: 'baseline: bare NestJS',
  'nest-pipes': 'baseline: NestJS + our pipe/filter',
  'nest-libraries': "baseline: NestJS + our pipe/filter + the roles' libraries",
};

function row(label: string, figures: Throughput, extra: readonly string[]): string[] {
  return [
    label,
    String(figures.connections),
    fixed(figures.rps),
    fixed(figures.p50Ms, 2),
    fixed(figures.p99Ms, 2),
    String(figures.non2xx + figures.errors),
    fixed(figures.cpu?.perRequestMs, 2),
    ...extra,
  ];
}

/**
 * Requests per second, latency and CPU per 2xx (all five cluster processes, or the one baseline
 * server) of every load scenario, with the lookup ratios to each baseline.
 */
export function throughputTable(result: AdapterResults): Table {
  const rows: string[][] = [];
  const lookups = result.lookups;
  if (lookups) {
    for (const kind of BASELINE_KINDS) {
      const figures = lookups.baselines[kind];
      if (figures) rows.push(row(BASELINE_LABELS[kind], figures, ['', '', '', '']));
    }
    const ratios = (of: Partial<Record<BaselineKind, number>>): string[] => [
      ratio(of.raw),
      ratio(of.nest),
      ratio(of['nest-pipes']),
      '',
    ];
    rows.push(row('cached lookup', lookups.cached, ratios(lookups.cachedRatio)));
    rows.push(row('cached lookup, 1 client', lookups.cachedOneClient, ['', '', '', '']));
    rows.push(row('uncached lookup', lookups.uncached, ratios(lookups.uncachedRatio)));
  }
  for (const run of result.trades ?? []) {
    const check = run.verified ? `ok (+${run.logGrowth})` : `FAILED (2xx ${run.ok}, log +${run.logGrowth})`;
    rows.push(row(`trades, ${run.connections} client${run.connections === 1 ? '' : 's'}`, run, ['', '', '', check]));
  }
  if (result.orderQueries) rows.push(row('order queries', result.orderQueries, ['', '', '', '']));
  return {
    headers: [
      'scenario',
      'conns',
      'req/s',
      'p50 ms',
      'p99 ms',
      'errors',
      'CPU ms/req',
      'vs raw',
      'vs nest',
      'vs nest+pipes',
      'replication check',
    ],
    rows,
  };
}

export function failoverTable(result: AdapterResults): Table | undefined {
  const failover = result.failover;
  if (!failover) return undefined;
  const rows = failover.rounds.map((round, index) => [
    String(index + 1),
    `order-${round.killedReplica}`,
    fixed(round.recoveryMs),
    fixed(round.longestGapMs),
    String(round.clientErrors),
    String(round.trades),
    fixed(round.restartMs),
  ]);
  rows.push(['median', '', fixed(failover.medianRecoveryMs), '', String(failover.clientErrors), '', '']);
  return {
    headers: ['round', 'killed', 'recovery ms', 'longest gap ms', 'client errors', 'trades', 'restart ms'],
    rows,
  };
}

export function catchUpTable(result: AdapterResults): Table | undefined {
  const catchUp = result.catchUp;
  if (!catchUp) return undefined;
  return {
    headers: ['replica', 'missed orders', 'insert trades/s', 'catch-up ms', 'boot only ms', 'caught up'],
    rows: [
      [
        `order-${catchUp.replica}`,
        String(catchUp.missedOrders),
        fixed(catchUp.insertRps),
        fixed(catchUp.catchUpMs),
        fixed(catchUp.bootOnlyMs),
        catchUp.caughtUp ? 'yes' : 'NO',
      ],
    ],
  };
}

/** Idle and peak RSS per process; the peak of the 50-client trade run also as a multiple of bare NestJS's. */
export function memoryTable(result: AdapterResults): Table {
  const { idle, underLoad, baselinesUnderLoad } = result.memory;
  const inTrades = tradesAt(result, 50)?.peakRssMb ?? {};
  const nest = baselinesUnderLoad.nest as number | undefined;
  const names = [...new Set([...Object.keys(idle), ...Object.keys(underLoad)])];
  const rows = names.map((name) => [
    name,
    fixed(idle[name], 1),
    fixed(underLoad[name], 1),
    fixed(inTrades[name], 1),
    nest === undefined || inTrades[name] === undefined ? '' : ratio(inTrades[name] / nest),
  ]);
  for (const [name, mb] of Object.entries(baselinesUnderLoad))
    rows.push([`baseline ${name}`, '', fixed(mb, 1), '', '']);
  return {
    headers: ['process', 'idle MB', 'peak under load MB', 'peak in 50-client trades MB', 'vs bare NestJS peak'],
    rows,
  };
}

// A number, a ratio, a resolution (±0.05), a limit (≤ 4.60) or a figure with its unit (4.10 ms, 150.0 MB).
const numeric = (cell: string): boolean => /^(≤ )?[-–±\d.,×+]+( ms| MB)?$/.test(cell) || cell.endsWith('×');

/** Plain-text table, numbers right-aligned. */
export function textTable(table: Table): string {
  const all = [table.headers, ...table.rows];
  const widths = table.headers.map((_, column) => Math.max(...all.map((cells) => (cells[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) =>
        column > 0 && numeric(cell) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
      )
      .join('  ')
      .trimEnd();
  return [line(table.headers), ...table.rows.map(line)].join('\n');
}

/** Markdown table; a column is right-aligned unless one of its cells is text (the first always is). */
export function markdownTable(table: Table): string {
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|');
  const line = (cells: readonly string[]): string => `| ${cells.map(escape).join(' | ')} |`;
  const text = (column: number): boolean =>
    column === 0 || table.rows.some((cells) => (cells[column] ?? '') !== '' && !numeric(cells[column]));
  const rule = `|${table.headers.map((_, column) => (text(column) ? ' --- ' : ' ---: ')).join('|')}|`;
  return [line(table.headers), rule, ...table.rows.map(line)].join('\n');
}
