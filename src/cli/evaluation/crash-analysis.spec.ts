import { OrderRecord } from '../../shared/contracts';
import { RequestSample } from '../load/load.types';
import { binSamples, checkConservation, maxInsideAndOutside, outageWindows } from './crash-analysis';

function sample(kind: RequestSample['kind'], at: number, latencyMs: number, ok = true, retries = 0): RequestSample {
  return { kind, client: 0, at, latencyMs, status: ok ? 200 : 503, ok, retries };
}

function order(number: number, name: string, type: 'buy' | 'sell', quantity: number): OrderRecord {
  return { number, name, type, quantity, requestId: `r${number}`, tradeSeq: number, epoch: 1 };
}

describe(binSamples.name, () => {
  it('groups by type and by the bin in which each request finished', () => {
    const sut = binSamples(
      [
        sample('lookup', 100, 50),
        sample('lookup', 300, 100),
        sample('trade', 400, 700, false, 2),
        sample('lookup', 900, 200),
      ],
      0.5,
    );
    expect(sut).toEqual([
      { kind: 'lookup', t: 0, count: 2, meanMs: 75, maxMs: 100, errors: 0, retries: 0 },
      { kind: 'lookup', t: 1, count: 1, meanMs: 200, maxMs: 200, errors: 0, retries: 0 },
      { kind: 'trade', t: 1, count: 1, meanMs: 700, maxMs: 700, errors: 1, retries: 2 },
    ]);
  });
});

describe(checkConservation.name, () => {
  const before = [
    { name: 'FishCo', quantity: 100, volume: 0 },
    { name: 'BoarCo', quantity: 100, volume: 5 },
  ];
  const log = [order(0, 'FishCo', 'buy', 3), order(1, 'FishCo', 'sell', 1), order(2, 'BoarCo', 'sell', 2)];

  it('holds when quantities and volumes follow the order log', () => {
    const after = [
      { name: 'FishCo', quantity: 98, volume: 4 },
      { name: 'BoarCo', quantity: 102, volume: 7 },
    ];
    expect(checkConservation(before, after, log, [])).toEqual({ holds: true, problems: [] });
  });

  it('counts what restocks added to a quantity', () => {
    const after = [
      { name: 'FishCo', quantity: 108, volume: 4 },
      { name: 'BoarCo', quantity: 102, volume: 7 },
    ];
    expect(checkConservation(before, after, log, [{ name: 'FishCo', quantity: 10 }])).toEqual({
      holds: true,
      problems: [],
    });
  });

  it('names every stock that disagrees', () => {
    const after = [{ name: 'FishCo', quantity: 97, volume: 4 }];
    const sut = checkConservation(before, after, log, []);
    expect(sut.holds).toBe(false);
    expect(sut.problems).toEqual([
      'FishCo: quantity 97, order log and restocks say 98',
      'BoarCo: missing after the run',
    ]);
  });
});

describe(outageWindows.name, () => {
  it('pairs each kill with the next restart of the same replica, until it was healthy', () => {
    const sut = outageWindows([
      { at: 1000, kind: 'kill', replica: 3, wasLeader: true },
      { at: 2500, kind: 'restart', replica: 3, wasLeader: true, tookMs: 1500 },
      { at: 6000, kind: 'kill', replica: 1, wasLeader: false },
    ]);
    expect(sut).toEqual([{ replica: 3, wasLeader: true, from: 1, to: 4 }]);
  });
});

describe(maxInsideAndOutside.name, () => {
  it('splits the per-bin maxima by whether the bin overlaps an outage', () => {
    const bin = (t: number, maxMs: number) => ({
      kind: 'trade' as const,
      t,
      count: 1,
      meanMs: maxMs,
      maxMs,
      errors: 0,
      retries: 0,
    });
    const bins = [bin(0, 100), bin(1, 900), bin(1.5, 300), bin(3, 150)];
    const sut = maxInsideAndOutside(bins, [{ replica: 3, wasLeader: true, from: 1.2, to: 2 }], 'trade', 0.5);
    expect(sut).toEqual({ inside: 900, outside: 150 });
  });
});
