import { AdapterResults, BASELINE_KINDS, CpuCost, RssByProcess, Throughput, TradeRun } from './bench-results.types';
import { fixed, ratio, Table } from './bench-rows';
import { mean } from './latency-figures';
import { largestPeak, tradesAt } from './target-judgement';

const CLUSTER = ['frontend', 'catalog', 'order-1', 'order-2', 'order-3'];

const ms = (value: number | undefined): string => (value === undefined ? '–' : `${fixed(value, 2)} ms`);
export const div = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined || b === undefined || b === 0 ? undefined : a / b;

interface Comparison {
  readonly figure: string;
  readonly value: number | undefined;
  readonly unit: '' | ' ms' | ' MB';
  /** The baseline of the same run, as shown. */
  readonly against: string;
  readonly base: number | undefined;
  /** The ratio a target judges, where it is not value ÷ base (a median over alternating pairs). */
  readonly judged?: number;
}

const DIGITS = { '': 0, ' ms': 2, ' MB': 1 } as const;
const plural = (n: number): string => (n === 1 ? '' : 's');

function cpuComparison(trades: TradeRun | undefined, lookup: Throughput | undefined): Comparison | undefined {
  if (trades === undefined) return undefined;
  const base = lookup?.cpu?.perRequestMs;
  return {
    figure: `CPU per trade, ${trades.connections} client${plural(trades.connections)}`,
    value: trades.cpu?.perRequestMs,
    unit: ' ms',
    against: `CPU per cached lookup, ${lookup?.connections ?? '?'} connection${plural(lookup?.connections ?? 0)}: ${ms(base)}`,
    base,
  };
}

/** Each new figure of the run beside the baseline of the same run it is judged against. */
export function baselineTable(result: AdapterResults): Table {
  const { lookups, size } = result;
  const [one, fresh] = [tradesAt(result, 1), tradesAt(result, 50)];
  const pipes = lookups?.baselines['nest-pipes'];
  const { nest, 'nest-libraries': libraries } = result.memory.baselinesUnderLoad as Partial<RssByProcess>;
  const peak = largestPeak(fresh?.peakRssMb ?? {});
  const turns = lookups?.cachedInTurns;
  const comparisons: (Comparison | undefined)[] = [
    {
      figure: 'cached lookup req/s',
      value: lookups?.cached.rps,
      unit: '',
      against: `NestJS + our pipe/filter: ${fixed(pipes?.rps)}`,
      base: pipes?.rps,
    },
    turns && {
      figure: `cached lookup req/s, in turns (${turns.pairs} pairs, median)`,
      value: mean(turns.frontendRps),
      unit: '',
      against: `NestJS + our pipe/filter in turns: ${fixed(mean(turns.baselineRps))}`,
      base: mean(turns.baselineRps),
      judged: turns.ratio,
    },
    {
      figure: 'trade p50, 1 client',
      value: one?.p50Ms,
      unit: ' ms',
      against: `cached lookup p50, 1 client: ${ms(lookups?.cachedOneClient.p50Ms)}`,
      base: lookups?.cachedOneClient.p50Ms,
    },
    cpuComparison(one, lookups?.cachedOneClient),
    cpuComparison(fresh, lookups?.cached),
    size && {
      figure: `trades/s, 50 clients, ${size.alternation.filled.ordersBefore.toLocaleString('en-US')} orders, in turns (${size.alternation.pairs} pairs, median)`,
      value: size.alternation.filled.tradesPerSec,
      unit: '',
      against: `fresh cluster in turns: ${fixed(size.alternation.fresh.tradesPerSec)}`,
      base: size.alternation.fresh.tradesPerSec,
      judged: size.ratioToFresh,
    },
    peak && {
      figure: `peak RSS in 50-client trades (${peak.name})`,
      value: peak.mb,
      unit: ' MB',
      against: `bare NestJS peak: ${fixed(nest, 1)} MB`,
      base: nest,
    },
    peak && libraries !== undefined
      ? {
          figure: `peak RSS in 50-client trades (${peak.name})`,
          value: peak.mb,
          unit: ' MB',
          against: `NestJS + our pipe/filter + the roles' libraries peak: ${fixed(libraries, 1)} MB`,
          base: libraries,
        }
      : undefined,
  ];
  const rows = comparisons
    .filter((entry): entry is Comparison => entry?.value !== undefined)
    .map(({ figure, value, unit, against, base, judged }) => [
      figure,
      `${fixed(value, DIGITS[unit])}${unit}`,
      against,
      ratio(judged ?? div(value, base)),
    ]);
  return { headers: ['figure', 'measured', 'baseline (this run)', 'ratio'], rows };
}

function cpuRow(label: string, cpu: CpuCost | undefined): string[] | undefined {
  if (cpu === undefined) return undefined;
  const names = Object.keys(cpu.byProcessMs).filter((name) => !CLUSTER.includes(name));
  const other = names.reduce((sum, name) => sum + cpu.byProcessMs[name], 0);
  return [
    label,
    String(cpu.count),
    ...CLUSTER.map((name) => fixed(cpu.byProcessMs[name], 2)),
    names.length > 0 ? fixed(other, 2) : '',
    fixed(cpu.perRequestMs, 2),
    `±${fixed(cpu.resolutionMs, 2)}`,
  ];
}

/** CPU ms per successful request of every run, split by process (baselines in the last process column). */
export function cpuTable(result: AdapterResults): Table {
  const runs: [string, Throughput | undefined][] = [
    ...BASELINE_KINDS.map((kind): [string, Throughput | undefined] => [
      `baseline ${kind}`,
      result.lookups?.baselines[kind],
    ]),
    ['cached lookup', result.lookups?.cached],
    ['cached lookup, 1 client', result.lookups?.cachedOneClient],
    ['uncached lookup', result.lookups?.uncached],
    ...(result.trades ?? []).map((run): [string, Throughput] => [
      `trades, ${run.connections} client${plural(run.connections)}`,
      run,
    ]),
    ['order queries', result.orderQueries],
    [`trades, 50 clients, ${result.size?.run.ordersBefore.toLocaleString('en-US')} orders`, result.size?.run],
  ];
  const rows = runs.map(([label, figures]) => cpuRow(label, figures?.cpu));
  const sideBySide = cpuRow('side by side, per trade', result.sideBySide?.cpu);
  return {
    headers: ['run', 'requests', ...CLUSTER, 'baseline', 'total', 'resolution'],
    rows: [...rows, sideBySide].filter((cells): cells is string[] => cells !== undefined),
  };
}
