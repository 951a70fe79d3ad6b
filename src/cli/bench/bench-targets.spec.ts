import { AdapterResults, CpuCost, SideBySideResults, Throughput, TradeRun } from './bench-results.types';
import { checkTargets } from './bench-targets';
import { judge } from './target-judgement';
import { markdownTable, memoryTable, textTable, throughputTable } from './bench-rows';
import { baselineTable, cpuTable } from './figure-rows';
import { sideBySideTable, sizeTable } from './workload-rows';

function cpu(perRequestMs: number, count = 1000): CpuCost {
  const byProcessMs = { frontend: perRequestMs / 2, catalog: perRequestMs / 2 };
  return { totalMs: perRequestMs * count, count, perRequestMs, byProcessMs, resolutionMs: 0.05 };
}

function figures(rps: number, p99Ms = 10, connections = 50, p50Ms = 1): Throughput {
  return { connections, rps, p50Ms, p99Ms, meanMs: 2, ok: rps, non2xx: 0, errors: 0, durationMs: 1000 };
}

function trades(connections: number, rps: number, options: Partial<TradeRun> = {}): TradeRun {
  return {
    ...figures(rps, 40, connections, 4),
    ordersBefore: 500,
    logGrowth: rps,
    followersCaughtUp: true,
    verified: true,
    peakRssMb: { frontend: 150, 'order-3': 190 },
    cpu: cpu(connections === 1 ? 2.5 : 0.8),
    ...options,
  };
}

const request = (p50Ms: number) => ({
  count: 500,
  errors: 0,
  meanMs: p50Ms,
  p50Ms,
  p95Ms: p50Ms * 2,
  p99Ms: p50Ms * 3,
});

function sideBySide(options: Partial<SideBySideResults> = {}): SideBySideResults {
  return {
    ...{ clients: 5, p: 0.5, iterations: 600, seed: 10, durationMs: 2000, requests: 4500, rps: 2250 },
    ...{ lookup: request(1.5), trade: request(4), tradesPlaced: 1490, tradesRefused: 10, verified: true, exitCode: 0 },
    cpu: cpu(3, 1490),
    warmup: { iterations: 200, tradesPlaced: 480 },
    ...options,
  };
}

function adapterResults(overrides: Partial<AdapterResults> = {}): AdapterResults {
  return {
    adapter: 'express',
    lookups: {
      baselines: { raw: figures(20_000), nest: figures(10_000), 'nest-pipes': figures(9000) },
      cached: { ...figures(9500), cpu: cpu(0.2) },
      cachedOneClient: { ...figures(800, 2, 1, 0.8), cpu: cpu(0.5) },
      uncached: figures(2000),
      cachedRatio: { raw: 0.475, nest: 0.95, 'nest-pipes': 9500 / 9000 },
      uncachedRatio: { raw: 0.1, nest: 0.2, 'nest-pipes': 2000 / 9000 },
      cachedInTurns: {
        ...{ pairs: 3, chunkSec: 3, pairRatios: [1.1, 0.95, 1.2], ratio: 1.1 },
        ...{ frontendRps: [9900, 9000, 9600], baselineRps: [9000, 9474, 8000] },
        ...{ frontendPids: [101, 102, 103], baselinePids: [201, 202, 203] },
      },
    },
    trades: [trades(1, 250), trades(50, 1200)],
    sideBySide: sideBySide(),
    size: {
      ...{ targetOrders: 100_000, ordersBefore: 5000, ordersInLog: 100_004, filled: true, fillTrades: 95_004 },
      ...{
        fillMs: 90_000,
        run: trades(50, 1140, { ordersBefore: 100_004 }),
        ratioToFresh: 0.95,
        sequentialRatio: 0.95,
      },
      alternation: {
        ...{ pairs: 6, chunkTrades: 3000, pairRatios: [0.9, 1, 0.95, 0.95, 0.95, 0.95] },
        filled: { ordersBefore: 110_000, trades: 18_000, tradesPerSec: 1140, cpuMsPerTrade: 0.8 },
        fresh: { ordersBefore: 9000, trades: 18_000, tradesPerSec: 1200, cpuMsPerTrade: 0.75 },
      },
    },
    failover: { rounds: [], medianRecoveryMs: 800, clientErrors: 0 },
    catchUp: { replica: 1, missedOrders: 1000, insertRps: 900, catchUpMs: 900, bootOnlyMs: 800, caughtUp: true },
    memory: {
      idle: { frontend: 60 },
      underLoad: { frontend: 160, 'order-3': 200 },
      baselinesUnderLoad: { nest: 150, 'nest-libraries': 175 },
    },
    ...overrides,
  };
}

const byGoal = (results: AdapterResults[]) =>
  checkTargets(results).map((check) => [check.goal ?? '-', check.status, check.measured]);

describe(judge.name, () => {
  it('misses on any failed condition, else is not measured on any unknown one', () => {
    expect(judge([true, true])).toBe('met');
    expect(judge([true, undefined])).toBe('not measured');
    expect(judge([undefined, false])).toBe('missed');
  });
});

describe(checkTargets.name, () => {
  it("checks issue #10's goals in order, then failover and catch-up, each with its figure", () => {
    expect(byGoal([adapterResults()])).toEqual([
      [0, 'met', 'trade p50 4.00 ms, CPU 3.00 ms, lookup p50 1.50 ms (1,490 trades verified)'],
      [1, 'met', '1,200 trades/s, p99 40.0 ms (express, verified)'],
      [1, 'met', '1,200 trades/s, p99 40.0 ms (verified)'],
      [2, 'met', "trade p50 4.00 ms = 5.0× the cached lookup's 0.80 ms"],
      [3, 'met', '1 client 2.50 ms, 50 clients 0.80 ms'],
      [
        4,
        'met',
        '0.95×, the median of 6 pairs of alternating chunks of 3,000 trades (1,140 vs 1,200 trades/s in all) with 110,000 orders, verified',
      ],
      [
        5,
        'met',
        "largest 190 MB (order-3) = 1.27× 150 MB; NestJS with the roles' libraries 175 MB, the role 1.09× that",
      ],
      [
        6,
        'met',
        '1.10×, the median of 3 pairs of alternating 3-s chunks, each pair on processes of its own (9,500 vs 8,825 req/s on average)',
      ],
      ['-', 'met', '800 ms median of 0, 0 errors'],
      ['-', 'not measured', '900 ms for 1,000 orders (smaller than the target size)'],
    ]);
  });

  it('misses each goal whose figure is over its limit or whose run was not verified', () => {
    const lookups = adapterResults().lookups!;
    const sut = checkTargets([
      adapterResults({
        trades: [trades(1, 100, { p50Ms: 7, cpu: cpu(3.5) }), trades(50, 550, { verified: false })],
        sideBySide: sideBySide({ verified: false }),
        size: { ...adapterResults().size!, ratioToFresh: 0.85 },
        lookups: { ...lookups, cachedInTurns: { ...lookups.cachedInTurns, ratio: 0.85 } },
        memory: { idle: {}, underLoad: {}, baselinesUnderLoad: { nest: 100 } },
      }),
    ]);
    expect(sut.filter((check) => check.goal !== undefined).map((check) => check.status)).toEqual(
      Array.from({ length: 8 }, () => 'missed'),
    );
  });

  it('judges the 1,000 trades/s goal on the faster adapter and the 600 trades/s goal on express', () => {
    const express = adapterResults({ trades: [trades(50, 700)] });
    const fastify = adapterResults({ adapter: 'fastify', trades: [trades(50, 1100, { p99Ms: 60 })] });
    const sut = checkTargets([express, fastify]).filter((check) => check.goal === 1);
    expect(sut.map((check) => [check.status, check.measured])).toEqual([
      ['missed', '1,100 trades/s, p99 60.0 ms (fastify, verified)'],
      ['met', '700 trades/s, p99 40.0 ms (verified)'],
    ]);
  });

  it('leaves size below 100,000 orders and runs without CPU figures not measured, and skips what did not run', () => {
    const small = adapterResults({
      size: { ...adapterResults().size!, targetOrders: 10_000, ordersInLog: 10_002 },
      trades: [trades(1, 250, { cpu: undefined }), trades(50, 1200)],
      sideBySide: undefined,
      lookups: undefined,
    });
    const sut = checkTargets([small]);
    expect(sut.find((check) => check.goal === 4)).toMatchObject({ status: 'not measured' });
    expect(sut.find((check) => check.goal === 3)).toMatchObject({ status: 'not measured' });
    expect(sut.find((check) => check.goal === 2)).toMatchObject({ status: 'not measured' });
    expect(sut.some((check) => check.goal === 0 || check.goal === 6)).toBe(false);
  });
});

describe(throughputTable.name, () => {
  it('puts CPU per request and the ratios to each baseline beside the lookups, the check beside trades', () => {
    const text = textTable(throughputTable(adapterResults()));
    expect(text).toMatch(/^cached lookup\s+50\s+9500\s+1\.00\s+10\.00\s+0\s+0\.20\s+0\.47×\s+0\.95×\s+1\.06×$/m);
    expect(text).toMatch(/^cached lookup, 1 client\s+1\s+800\s+0\.80\s+2\.00\s+0\s+0\.50$/m);
    expect(text).toMatch(/^trades, 50 clients .* 0\.80 +ok \(\+1200\)$/m);
    // Numbers right-aligned, text (the replication check) left-aligned.
    expect(markdownTable(throughputTable(adapterResults())).split('\n')[1]).toMatch(
      /^\| --- \| ---: \|.* ---: \| --- \|$/,
    );
  });
});

describe('tables of the new figures', () => {
  it('shows each new figure against its baseline of the same run', () => {
    const text = textTable(baselineTable(adapterResults()));
    expect(text).toMatch(/^trade p50, 1 client\s+4\.00 ms\s+cached lookup p50, 1 client: 0\.80 ms\s+5\.00×$/m);
    expect(text).toMatch(
      /^CPU per trade, 50 clients\s+0\.80 ms\s+CPU per cached lookup, 50 connections: 0\.20 ms\s+4\.00×$/m,
    );
    expect(text).toMatch(
      /^trades\/s, 50 clients, 110,000 orders, in turns \(6 pairs, median\)\s+1140\s+fresh cluster in turns: 1200\s+0\.95×$/m,
    );
    // The judged median of the pairs, not the ratio of the means (1.08×).
    expect(text).toMatch(
      /^cached lookup req\/s, in turns \(3 pairs, median\)\s+9500\s+NestJS \+ our pipe\/filter in turns: 8825\s+1\.10×$/m,
    );
    expect(text).toMatch(
      /^peak RSS in 50-client trades \(order-3\)\s+190\.0 MB\s+bare NestJS peak: 150\.0 MB\s+1\.27×$/m,
    );
    expect(text).toMatch(
      /^peak RSS in 50-client trades \(order-3\)\s+190\.0 MB\s+NestJS \+ our pipe\/filter \+ the roles' libraries peak: 175\.0 MB\s+1\.09×$/m,
    );
  });

  it('splits CPU by process, compares the side-by-side run with the peer, and the filled log with fresh', () => {
    expect(textTable(cpuTable(adapterResults()))).toMatch(
      /^trades, 1 client\s+1000\s+1\.25\s+1\.25(\s+–){3}\s+2\.50\s+±0\.05$/m,
    );
    expect(textTable(sideBySideTable(sideBySide())!)).toMatch(/^this run ÷ peer\s+0\.43×\s+0\.30×\s+2\.98×\s+0\.48×$/m);
    const size = textTable(sizeTable(adapterResults())!);
    expect(size).toMatch(/^filled\s+100,004\s+1140\s+4\.00\s+40\.00\s+0\.80\s+ok \(\+1140\)\s+0\.95×$/m);
    expect(size).toMatch(/^fresh, in turns\s+9,000\s+1200\s+0\.75\s+ok \(\+18000\)$/m);
    expect(size).toMatch(/^filled, in turns\s+110,000\s+1140\s+0\.80\s+ok \(\+18000\)\s+0\.95×$/m);
    expect(textTable(memoryTable(adapterResults()))).toMatch(/^order-3\s+–\s+200\.0\s+190\.0\s+1\.27×$/m);
  });
});
