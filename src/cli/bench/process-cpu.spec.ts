import {
  clockTicksPerSecond,
  cpuCost,
  cpuDeltaTicks,
  cpuTicks,
  CpuSample,
  parseCpuTicks,
  unsteadyProcesses,
} from './process-cpu';

// Fields 14 and 15 (utime 250, stime 40); the command name holds a space and a parenthesis.
const STAT = '4242 (node (main) x) S 1 4242 4242 0 -1 4194560 9000 0 0 0 250 40 0 0 20 0 11 0 5000 1000000 12000';

const snapshot = (entries: Record<string, [number, number]>): Map<string, CpuSample> =>
  new Map(Object.entries(entries).map(([name, [pid, ticks]]) => [name, { pid, ticks }]));

describe(parseCpuTicks.name, () => {
  it('adds utime and stime, counting fields from the last parenthesis', () => {
    expect(parseCpuTicks(STAT)).toBe(290);
  });

  it('answers undefined for a text that is not a stat line', () => {
    expect(parseCpuTicks('')).toBeUndefined();
    expect(parseCpuTicks('4242 (node) S 1')).toBeUndefined();
  });
});

describe(cpuTicks.name, () => {
  it('reads this process, and answers undefined for no pid or a pid that does not exist', () => {
    expect(cpuTicks(process.pid)).toBeGreaterThanOrEqual(0);
    expect(cpuTicks(undefined)).toBeUndefined();
    expect(cpuTicks(2 ** 30)).toBeUndefined();
  });
});

describe(clockTicksPerSecond.name, () => {
  it('is a positive whole number of ticks per second', () => {
    expect(Number.isInteger(clockTicksPerSecond())).toBe(true);
    expect(clockTicksPerSecond()).toBeGreaterThan(0);
  });
});

describe(cpuDeltaTicks.name, () => {
  it('answers the ticks each process used between two snapshots', () => {
    const before = snapshot({ frontend: [10, 100], catalog: [11, 50] });
    const after = snapshot({ frontend: [10, 130], catalog: [11, 55] });
    expect(cpuDeltaTicks(before, after)).toEqual(
      new Map([
        ['frontend', 30],
        ['catalog', 5],
      ]),
    );
  });

  it('answers undefined when a process restarted or went missing, and when nothing was read', () => {
    const before = snapshot({ frontend: [10, 100], 'order-3': [12, 70] });
    expect(cpuDeltaTicks(before, snapshot({ frontend: [10, 120], 'order-3': [99, 3] }))).toBeUndefined();
    expect(cpuDeltaTicks(before, snapshot({ frontend: [10, 120] }))).toBeUndefined();
    expect(cpuDeltaTicks(new Map(), new Map())).toBeUndefined();
  });
});

describe(unsteadyProcesses.name, () => {
  it('names the processes replaced, gone or never read, and none when all held', () => {
    const names = ['frontend', 'catalog', 'order-1', 'order-3'];
    const before = snapshot({ frontend: [10, 100], catalog: [11, 50], 'order-3': [12, 70] });
    const after = snapshot({ frontend: [10, 120], 'order-1': [13, 5], 'order-3': [99, 3] });
    expect(unsteadyProcesses(before, after, names)).toEqual(['catalog', 'order-1', 'order-3']);
    expect(unsteadyProcesses(before, before, ['frontend', 'catalog'])).toEqual([]);
  });
});

describe(cpuCost.name, () => {
  it('turns ticks into ms per request, summed and per process, with one tick per process as resolution', () => {
    const sut = cpuCost(
      new Map([
        ['frontend', 30],
        ['catalog', 10],
      ]),
      200,
      100,
    );
    expect(sut).toEqual({
      totalMs: 400,
      count: 200,
      perRequestMs: 2,
      byProcessMs: { frontend: 1.5, catalog: 0.5 },
      resolutionMs: 0.1,
    });
  });

  it('answers undefined when no request succeeded', () => {
    expect(cpuCost(new Map([['frontend', 30]]), 0, 100)).toBeUndefined();
  });
});
