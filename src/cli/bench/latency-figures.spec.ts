import { latencyFigures, median, percentileOf } from './latency-figures';

describe(latencyFigures.name, () => {
  it('gives nearest-rank percentiles, mean and max of unsorted latencies', () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => 100 - i);
    const sut = latencyFigures(values);
    expect(sut).toEqual({ mean: 50.5, p50: 50, p90: 90, p99: 99, max: 100 });
  });

  it('gives NaN for no latencies', () => {
    expect(latencyFigures(new Float64Array()).p99).toBeNaN();
  });
});

describe(percentileOf.name, () => {
  it('answers the only value for a single-element list', () => {
    expect(percentileOf([7], 0)).toBe(7);
    expect(percentileOf([7], 99)).toBe(7);
  });
});

describe(median.name, () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
