import { CpuTimeline, ticksAt, TimedSnapshot, windowTicks } from './cpu-timeline';

const series = [
  { at: 1000, ticks: 10 },
  { at: 1020, ticks: 12 },
  { at: 1040, ticks: 20 },
];

function sample(at: number, frontend: [number, number], catalog: [number, number]): TimedSnapshot {
  return {
    at,
    snapshot: new Map([
      ['frontend', { pid: frontend[0], ticks: frontend[1] }],
      ['catalog', { pid: catalog[0], ticks: catalog[1] }],
    ]),
  };
}

describe(ticksAt.name, () => {
  it('interpolates between the samples around the time', () => {
    expect(ticksAt(series, 1010)).toBe(11);
    expect(ticksAt(series, 1030)).toBe(16);
    expect(ticksAt(series, 1040)).toBe(20);
  });

  it('clamps to the first and last sample, and is NaN without samples', () => {
    expect(ticksAt(series, 0)).toBe(10);
    expect(ticksAt(series, 5000)).toBe(20);
    expect(ticksAt([], 1000)).toBeNaN();
  });
});

describe(windowTicks.name, () => {
  it('answers what each process used inside the window', () => {
    const samples = [sample(0, [1, 0], [2, 100]), sample(100, [1, 10], [2, 100]), sample(200, [1, 30], [2, 104])];
    expect(windowTicks(samples, 50, 150)).toEqual(
      new Map([
        ['frontend', 15],
        ['catalog', 2],
      ]),
    );
  });

  it('answers undefined when a process was replaced during the timeline, or nothing was sampled', () => {
    expect(windowTicks([sample(0, [1, 0], [2, 0]), sample(100, [7, 1], [2, 5])], 0, 100)).toBeUndefined();
    expect(windowTicks([], 0, 100)).toBeUndefined();
  });
});

describe(CpuTimeline.name, () => {
  it('samples the named processes until stopped, a second stop changing nothing', () => {
    const sut = new CpuTimeline(() => new Map([['self', process.pid]]), 5);
    const samples = sut.stop();
    expect(samples.length).toBeGreaterThanOrEqual(2);
    expect(samples[0].snapshot.get('self')?.pid).toBe(process.pid);
    expect(sut.stop()).toEqual(samples);
  });
});
