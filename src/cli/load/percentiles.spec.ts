import { percentile, summarize } from './percentiles';

describe(percentile.name, () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('uses the nearest rank', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([10, 20, 30], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
  });

  it('answers the smallest value for q = 0 and the only value of a singleton', () => {
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
  });

  it('is NaN for no values', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe(summarize.name, () => {
  it('summarizes unsorted values without changing them', () => {
    const values = [5, 1, 4, 2, 3];
    const sut = summarize(values);
    expect(sut).toEqual({ count: 5, mean: 3, p50: 3, p95: 5, p99: 5, max: 5 });
    expect(values).toEqual([5, 1, 4, 2, 3]);
  });

  it('catches a single slow request in p99 and max but not in p50', () => {
    const values = [...Array.from({ length: 99 }, () => 2), 500];
    const sut = summarize(values);
    expect(sut.p50).toBe(2);
    expect(sut.p99).toBe(2);
    expect(sut.max).toBe(500);
    expect(sut.mean).toBeCloseTo(6.98);
  });

  it('gives count 0 and NaN statistics for no values', () => {
    const sut = summarize([]);
    expect(sut.count).toBe(0);
    expect(sut.mean).toBeNaN();
  });
});
