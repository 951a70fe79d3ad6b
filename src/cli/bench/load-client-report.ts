import { RequestFigures, SideBySideResults } from './bench-results.types';

/** The part of `load-client.js --json` output the benchmark reads (see src/cli/load/report-table.ts). */
export interface LoadClientReport {
  readonly clients: number;
  readonly p: number;
  readonly seed: number;
  /** Epoch ms when the load started (after the client listed the stocks). */
  readonly startedAt: number;
  /** Until the last client finished; the verification afterwards is not included. */
  readonly loadDurationMs: number;
  readonly latency: readonly {
    readonly kind: string;
    readonly count: number;
    readonly errors: number;
    readonly mean: number | null;
    readonly p50: number | null;
    readonly p95: number | null;
    readonly p99: number | null;
  }[];
  readonly trades: { readonly placed: number; readonly refused: number };
  readonly verification: { readonly passed: boolean; readonly checked: number };
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Parses the client's stdout; throws, quoting the start of it, when it is not the expected report. */
export function parseLoadClientReport(stdout: string): LoadClientReport {
  let report: Partial<LoadClientReport>;
  try {
    report = JSON.parse(stdout) as Partial<LoadClientReport>;
  } catch {
    throw new Error(`the load client printed no JSON report: ${stdout.slice(0, 200)}`);
  }
  const wellFormed =
    isNumber(report.startedAt) &&
    isNumber(report.loadDurationMs) &&
    Array.isArray(report.latency) &&
    isNumber(report.trades?.placed) &&
    typeof report.verification?.passed === 'boolean';
  if (!wellFormed) throw new Error(`unexpected load client report: ${stdout.slice(0, 200)}`);
  return report as LoadClientReport;
}

function figuresOf(report: LoadClientReport, kind: string): RequestFigures {
  const row = report.latency.find((entry) => entry.kind === kind);
  const ms = (value: number | null | undefined): number => (isNumber(value) ? value : NaN);
  return {
    count: row?.count ?? 0,
    errors: row?.errors ?? 0,
    meanMs: ms(row?.mean),
    p50Ms: ms(row?.p50),
    p95Ms: ms(row?.p95),
    p99Ms: ms(row?.p99),
  };
}

/** The side-by-side figures of one load-client run (CPU is added by whoever sampled it). */
export function sideBySideFigures(
  report: LoadClientReport,
  iterations: number,
  exitCode: number | null,
): Omit<SideBySideResults, 'cpu' | 'warmup'> {
  const lookup = figuresOf(report, 'lookup');
  const trade = figuresOf(report, 'trade');
  const requests = lookup.count + trade.count;
  return {
    clients: report.clients,
    p: report.p,
    iterations,
    seed: report.seed,
    durationMs: report.loadDurationMs,
    requests,
    rps: report.loadDurationMs > 0 ? (requests * 1000) / report.loadDurationMs : NaN,
    lookup,
    trade,
    tradesPlaced: report.trades.placed,
    tradesRefused: report.trades.refused,
    verified: report.verification.passed,
    exitCode,
  };
}
