import { LoadResult } from './load-run';
import { REQUEST_LABELS, Verification, verificationPassed } from './load.types';
import { describeOrder } from './order-verification';
import { KindSummary, summarizeByKind } from './run-summary';

const COLUMNS = ['request', 'count', 'errors', 'retries', 'mean', 'p50', 'p95', 'p99', 'max'] as const;
const MAX_LISTED_MISMATCHES = 10;

function ms(value: number): string {
  return Number.isNaN(value) ? '-' : value.toFixed(2);
}

function row(summary: KindSummary): string[] {
  const { count, errors, retries, mean, p50, p95, p99, max } = summary;
  return [
    REQUEST_LABELS[summary.kind],
    String(count),
    String(errors),
    String(retries),
    ...[mean, p50, p95, p99, max].map(ms),
  ];
}

/** Fixed-width table: first column left-aligned, the numbers right-aligned. */
export function formatLatencyTable(summaries: readonly KindSummary[]): string {
  const rows = [[...COLUMNS], ...summaries.map(row)];
  const widths = COLUMNS.map((_, column) => Math.max(...rows.map((cells) => cells[column].length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ');
  return [line(rows[0]), ...rows.slice(1).map(line)].join('\n') + '\n(latencies in ms, retries included)';
}

export function formatVerification(verification: Verification): string {
  const { checked, matched, mismatches, unreachable, duplicateNumbers } = verification;
  const verdict = verificationPassed(verification) ? 'PASS' : 'FAIL';
  const lines = [`verification: ${verdict} — ${matched} of ${checked} acknowledged orders match GET /orders/{n}`];
  if (mismatches.length > 0) lines.push(`  ${mismatches.length} mismatched:`);
  for (const mismatch of mismatches.slice(0, MAX_LISTED_MISMATCHES)) {
    lines.push(`    expected ${describeOrder(mismatch.expected)}, server says ${mismatch.actual}`);
  }
  if (mismatches.length > MAX_LISTED_MISMATCHES)
    lines.push(`    … and ${mismatches.length - MAX_LISTED_MISMATCHES} more`);
  if (unreachable > 0) lines.push(`  ${unreachable} could not be read (no answer after retries)`);
  if (duplicateNumbers.length > 0)
    lines.push(`  transaction numbers acknowledged twice: ${duplicateNumbers.join(', ')}`);
  return lines.join('\n');
}

export function formatReport(result: LoadResult, p: number, clients: number): string {
  const seconds = (result.loadDurationMs / 1000).toFixed(1);
  return [
    `${clients} clients, p = ${p}, seed ${result.seed}, ${result.samples.length} requests in ${seconds} s`,
    '',
    formatLatencyTable(summarizeByKind(result.samples)),
    '',
    `trades: ${result.orders.length} placed, ${result.rejected} refused (409 not enough stock)`,
    formatVerification(result.verification),
  ].join('\n');
}

/** The `--json` output: the same numbers, machine-readable (raw samples left out). */
export function jsonReport(result: LoadResult, p: number, clients: number): object {
  return {
    clients,
    p,
    seed: result.seed,
    startedAt: result.startedAt,
    loadDurationMs: result.loadDurationMs,
    latency: summarizeByKind(result.samples),
    trades: { placed: result.orders.length, refused: result.rejected },
    verification: { passed: verificationPassed(result.verification), ...result.verification },
  };
}
