import { DuelSide, duelMarkdown, roleCpuMs, runsLine, summariseDuel, summariseRuns } from './duel-figures';

const side = (label: string, perChunkMs: number[]): DuelSide => ({
  label,
  chunks: perChunkMs.map((ms) => ({
    requests: 100,
    wallMs: 50,
    otherTicks: 0,
    cpuMs: { frontend: ms / 2, catalog: ms / 4, leader: ms / 8, followers: ms / 8 },
  })),
});

describe(roleCpuMs.name, () => {
  it("sorts a chunk's ticks into roles by the replica that led it", () => {
    const ticks = new Map([
      ['frontend', 30],
      ['catalog', 20],
      ['order-1', 5],
      ['order-2', 40],
      ['order-3', 12],
    ]);
    expect(roleCpuMs(ticks, 2, 10)).toEqual({ frontend: 300, catalog: 200, leader: 400, followers: 170 });
    expect(roleCpuMs(ticks, 3, 10)).toEqual({ frontend: 300, catalog: 200, leader: 120, followers: 450 });
  });
});

describe(summariseDuel.name, () => {
  it('sums each build per request and counts the chunk pairs the second build won', () => {
    const sut = summariseDuel(side('before', [400, 440, 360]), side('after', [200, 460, 240]));
    expect(sut.sides.map((summary) => [summary.label, summary.requests, summary.perRequest])).toEqual([
      ['before', 300, { frontend: 2, catalog: 1, leader: 0.5, followers: 0.5, all: 4 }],
      ['after', 300, { frontend: 1.5, catalog: 0.75, leader: 0.375, followers: 0.375, all: 3 }],
    ]);
    expect([sut.ratio, sut.secondLower, sut.pairs]).toEqual([0.75, 2, 3]);
  });

  it('needs a chunk of each build', () => {
    expect(() => summariseDuel(side('before', []), side('after', [1]))).toThrow(
      'a duel needs at least one chunk of each build',
    );
  });
});

describe(duelMarkdown.name, () => {
  it('prints the table PERFORMANCE.md shows, with the change and the chunks won', () => {
    const summary = summariseDuel(side('aabeb3d (../before)', [400, 440]), side('f00dcaf (.)', [300, 450]));
    expect(duelMarkdown(summary, 1).split('\n')).toEqual([
      'CPU ms per trade, 1 client, 2 alternating chunks of each build:',
      '',
      '| build | frontend | catalog | leader | followers | all five |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      '| aabeb3d (../before) | 2.10 | 1.05 | 0.53 | 0.53 | 4.20 |',
      '| f00dcaf (.) | 1.88 | 0.94 | 0.47 | 0.47 | 3.75 (−11 %, lower in 1 of 2 chunks) |',
    ]);
  });

  it('shows a lookups duel in µs per cached lookup', () => {
    const summary = summariseDuel(side('aabeb3d (../before)', [7, 6]), side('f00dcaf (.)', [6, 5]));
    expect(duelMarkdown(summary, 50, 'lookups').split('\n')).toEqual([
      'CPU µs per cached lookup, 50 connections, 2 alternating chunks of each build:',
      '',
      '| build | frontend | catalog | leader | followers | all five |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      '| aabeb3d (../before) | 32.5 | 16.3 | 8.1 | 8.1 | 65.0 |',
      '| f00dcaf (.) | 27.5 | 13.8 | 6.9 | 6.9 | 55.0 (−15 %, lower in 2 of 2 chunks) |',
    ]);
  });
});

describe(summariseRuns.name, () => {
  const duel = (before: number, after: number) => summariseDuel(side('before', [before]), side('after', [after]));

  it('gives every duel’s ratio in order, their median and how many the second build won', () => {
    const sut = summariseRuns([duel(400, 360), duel(400, 420), duel(400, 300)]);
    expect(sut).toMatchObject({ runs: 3, secondLower: 2 });
    expect(sut.ratios.map((ratio) => ratio.toFixed(6))).toEqual(['0.900000', '1.050000', '0.750000']);
    expect(sut.median).toBeCloseTo(0.9);
    expect(runsLine(sut, 'after (.)')).toBe(
      "3 duels with fresh clusters, the start order alternating: after (.) cost 0.900×, 1.050×, 0.750× the other's CPU per request; median 0.900×, lower in 2 of 3",
    );
  });

  it('takes the mean of the middle two of an even number', () => {
    expect(summariseRuns([duel(100, 110), duel(100, 90), duel(100, 80), duel(100, 100)]).median).toBeCloseTo(0.95);
  });

  it('needs at least one duel', () => {
    expect(() => summariseRuns([])).toThrow('no duels to summarise');
  });
});
