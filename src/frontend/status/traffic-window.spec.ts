import { TrafficWindow } from './traffic-window';

describe(TrafficWindow.name, () => {
  const at = (second: number, ms = 0): number => second * 1000 + ms;

  it('counts per second and averages the latency of each second, in milliseconds', () => {
    const sut = new TrafficWindow(3);
    sut.record('trade', 0.004, at(10, 100));
    sut.record('trade', 0.002, at(10, 900));
    sut.record('lookup', 0.001, at(11));
    expect(sut.series(at(12, 500))).toEqual({
      seconds: [at(9), at(10), at(11)],
      trades: [0, 2, 0],
      lookups: [0, 0, 1],
      tradeLatencyMs: [null, 3, null],
      lookupLatencyMs: [null, null, 1],
    });
  });

  it('leaves out the second still filling', () => {
    const sut = new TrafficWindow(3);
    sut.record('trade', 0.001, at(12, 10));
    expect(sut.series(at(12, 500)).trades).toEqual([0, 0, 0]);
    expect(sut.series(at(13)).trades).toEqual([0, 0, 1]);
  });

  it('forgets seconds older than its span, also when a slot is reused', () => {
    const sut = new TrafficWindow(3);
    sut.record('trade', 0.001, at(10));
    sut.record('trade', 0.001, at(13));
    sut.record('trade', 0.001, at(13));
    expect(sut.series(at(14)).trades).toEqual([0, 0, 2]);
    expect(sut.series(at(20)).trades).toEqual([0, 0, 0]);
  });

  it('charts the first span of seconds after the epoch too (a fake clock starting at 0)', () => {
    const sut = new TrafficWindow(3);
    sut.record('trade', 0.002, at(0, 10));
    sut.record('lookup', 0.001, at(1));
    expect(sut.series(at(2))).toEqual({
      seconds: [at(-1), at(0), at(1)],
      trades: [0, 1, 0],
      lookups: [0, 0, 1],
      tradeLatencyMs: [null, 2, null],
      lookupLatencyMs: [null, null, 1],
    });
  });
});
