import { LatencyFigures } from './load.types';

/** Nearest-rank percentile of ascending values; NaN when empty. */
export function percentileOf(sorted: Float64Array | readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((q / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
}

/** mean, p50, p90, p99 and max of latencies in ms (the array is sorted in place). */
export function latencyFigures(values: Float64Array): LatencyFigures {
  if (values.length === 0) return { mean: NaN, p50: NaN, p90: NaN, p99: NaN, max: NaN };
  values.sort();
  let sum = 0;
  for (const value of values) sum += value;
  return {
    mean: sum / values.length,
    p50: percentileOf(values, 50),
    p90: percentileOf(values, 90),
    p99: percentileOf(values, 99),
    max: values[values.length - 1],
  };
}

/** The arithmetic mean; NaN when empty. */
export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The median of a list (mean of the middle two for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
