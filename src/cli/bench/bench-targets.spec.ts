import { AdapterResults, Throughput, TradeRun } from './bench-results.types';
import { checkTargets } from './bench-targets';
import { markdownTable, textTable, throughputTable } from './bench-rows';

function figures(rps: number, p99Ms = 10, connections = 50): Throughput {
  return { connections, rps, p50Ms: 1, p99Ms, meanMs: 2, ok: rps, non2xx: 0, errors: 0, durationMs: 1000 };
}

function trades(rps: number, p99Ms: number, verified = true): TradeRun {
  return {
    ...figures(rps, p99Ms),
    ordersBefore: 1,
    logGrowth: rps,
    followersCaughtUp: verified,
    verified,
    peakRssMb: {},
  };
}

function adapterResults(overrides: Partial<AdapterResults> = {}): AdapterResults {
  return {
    adapter: 'express',
    lookups: {
      baselines: { raw: figures(20_000), nest: figures(10_000), 'nest-pipes': figures(9000) },
      cached: figures(9500),
      cachedOneClient: figures(800, 2, 1),
      uncached: figures(2000),
      cachedRatio: { raw: 0.475, nest: 0.95, 'nest-pipes': 9500 / 9000 },
      uncachedRatio: { raw: 0.1, nest: 0.2, 'nest-pipes': 2000 / 9000 },
    },
    trades: [trades(1200, 40)],
    failover: { rounds: [], medianRecoveryMs: 800, clientErrors: 0 },
    catchUp: { replica: 1, missedOrders: 1000, insertRps: 900, catchUpMs: 900, bootOnlyMs: 800, caughtUp: true },
    memory: { idle: { frontend: 60 }, underLoad: { frontend: 90, 'order-3': 130 }, baselinesUnderLoad: {} },
    ...overrides,
  };
}

describe(checkTargets.name, () => {
  it('marks each target met, missed or not measured, with the measured figure', () => {
    const sut = checkTargets([adapterResults()]);
    expect(sut.map((check) => [check.status, check.measured])).toEqual([
      ['met', '0.95× (9,500 vs 10,000 req/s)'],
      ['met', '1,200 trades/s, p99 40.0 ms (express, verified)'],
      ['met', '800 ms median of 0, 0 errors'],
      ['not measured', '900 ms for 1,000 orders (smaller than the target size)'],
      ['missed', 'largest 130 MB (order-3)'],
    ]);
  });

  it('judges trades on the adapter that was faster at 50 clients', () => {
    const slow = adapterResults({ trades: [trades(700, 20)] });
    const fast = adapterResults({ adapter: 'fastify', trades: [trades(1100, 60)] });
    const sut = checkTargets([slow, fast]).filter((check) => check.target.includes('trades/s'));
    expect(sut).toEqual([
      expect.objectContaining({ status: 'missed', measured: '1,100 trades/s, p99 60.0 ms (fastify, verified)' }),
    ]);
  });

  it('misses the trade target when the run was not verified, and skips what was not run', () => {
    const sut = checkTargets([
      adapterResults({ trades: [trades(5000, 5, false)], lookups: undefined, failover: undefined }),
    ]);
    expect(sut[0]).toMatchObject({ status: 'missed' });
    expect(sut.some((check) => check.target.includes('NestJS') || check.target.includes('failover'))).toBe(false);
  });
});

describe(throughputTable.name, () => {
  it('puts the ratios to each baseline beside the lookups and the replication check beside trades', () => {
    const text = textTable(throughputTable(adapterResults()));
    expect(text).toMatch(/^cached lookup\s+50\s+9500\s+1\.00\s+10\.00\s+0\s+0\.47×\s+0\.95×\s+1\.06×$/m);
    expect(text).toMatch(/^trades, 50 clients .* ok \(\+1200\)$/m);
    expect(markdownTable(throughputTable(adapterResults())).split('\n')[1]).toMatch(/^\| --- \| ---: \|/);
  });
});
