import { AdapterResults, TargetStatus, TradeRun } from './bench-results.types';

/** Missed when any measured condition fails; not measured when one could not be measured; else met. */
export function judge(conditions: readonly (boolean | undefined)[]): TargetStatus {
  if (conditions.includes(false)) return 'missed';
  return conditions.includes(undefined) ? 'not measured' : 'met';
}

/** `value ≤ limit`, undefined when the value was not measured. */
export function atMost(value: number | undefined, limit: number): boolean | undefined {
  return value === undefined || Number.isNaN(value) ? undefined : value <= limit;
}

export function tradesAt(result: AdapterResults, clients: number): TradeRun | undefined {
  return result.trades?.find((run) => run.connections === clients);
}

export const count = (value: number): string => Math.round(value).toLocaleString('en-US');
export const ms = (value: number | undefined): string => (value === undefined ? '–' : `${value.toFixed(2)} ms`);
export const verdict = (verified: boolean): string => (verified ? 'verified' : 'NOT verified');

/** The process with the largest RSS peak; undefined when there is none. */
export function largestPeak(peaks: Readonly<Record<string, number>>): { name: string; mb: number } | undefined {
  let largest: { name: string; mb: number } | undefined;
  for (const [name, mb] of Object.entries(peaks)) if (largest === undefined || mb > largest.mb) largest = { name, mb };
  return largest;
}
