import { longestGapAfterKill, recoveryAfterKill } from './failover-analysis';
import { ResponseEvent } from './load.types';

const KILL = 10_000;

describe(recoveryAfterKill.name, () => {
  it('ignores answers to requests sent before the kill, and failures', () => {
    const events: ResponseEvent[] = [
      [KILL + 300, 400, 200], // sent before the kill
      [KILL + 350, 100, 503],
      [KILL + 420, 20, 200],
      [KILL + 500, 10, 200],
    ];
    expect(recoveryAfterKill(events, KILL)).toBe(420);
  });

  it('answers null when no trade succeeded after the kill', () => {
    expect(
      recoveryAfterKill(
        [
          [KILL - 5, 2, 200],
          [KILL + 5, 1, 500],
        ],
        KILL,
      ),
    ).toBeNull();
  });
});

describe(longestGapAfterKill.name, () => {
  it('measures the longest pause between 2xx answers from the kill on', () => {
    const events: ResponseEvent[] = [
      [KILL - 10, 1, 200],
      [KILL + 5, 1, 200],
      [KILL + 605, 1, 200],
      [KILL + 610, 1, 200],
    ];
    expect(longestGapAfterKill(events, KILL)).toBe(600);
  });
});
