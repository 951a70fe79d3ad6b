import { OrderRecord } from '../../shared/contracts';
import { isAhead, majorityMatch, planAppend } from './log-rules';

const entry = (number: number, epoch: number): OrderRecord => ({
  number,
  epoch,
  name: 'GameStart',
  type: 'buy',
  quantity: 1,
  requestId: `r${number}-${epoch}`,
  tradeSeq: number + 1,
});

describe('isAhead', () => {
  it('prefers the higher last epoch even with fewer entries', () => {
    expect(isAhead({ number: 3, epoch: 5 }, { number: 10, epoch: 4 })).toBe(true);
    expect(isAhead({ number: 10, epoch: 4 }, { number: 3, epoch: 5 })).toBe(false);
  });

  it('prefers the longer log within the same epoch, and is strict', () => {
    expect(isAhead({ number: 4, epoch: 2 }, { number: 3, epoch: 2 })).toBe(true);
    expect(isAhead({ number: 3, epoch: 2 }, { number: 3, epoch: 2 })).toBe(false);
    expect(isAhead({ number: 0, epoch: 1 }, { number: -1, epoch: -1 })).toBe(true);
  });
});

describe('majorityMatch', () => {
  it('is the number a majority holds', () => {
    expect(majorityMatch([9, 4, 7], 2)).toBe(7);
    expect(majorityMatch([9, -1, -1], 2)).toBe(-1);
    expect(majorityMatch([5, 5, 5], 2)).toBe(5);
    expect(majorityMatch([9, 8, 7, 2, 1], 3)).toBe(7);
  });
});

describe('planAppend', () => {
  it('writes nothing when every entry is already held', () => {
    const local = [entry(3, 1), entry(4, 1)];
    expect(planAppend(local, [entry(3, 1), entry(4, 1)])).toEqual({ restamp: [], truncateFrom: null, insert: [] });
  });

  it('appends what is missing after the held entries', () => {
    expect(planAppend([entry(3, 1)], [entry(3, 1), entry(4, 1)])).toEqual({
      restamp: [],
      truncateFrom: 4,
      insert: [entry(4, 1)],
    });
  });

  it('re-stamps equal content in place instead of removing it', () => {
    const restamped = { ...entry(3, 1), epoch: 2 };
    expect(planAppend([entry(3, 1), entry(4, 1)], [restamped])).toEqual({
      restamp: [restamped],
      truncateFrom: null,
      insert: [],
    });
  });

  it('replaces a stale tail from the first entry with other content', () => {
    const local = [entry(3, 1), entry(4, 1), entry(5, 1)];
    const incoming = [entry(4, 1), entry(5, 2), entry(6, 2)];
    expect(planAppend(local, incoming)).toEqual({ restamp: [], truncateFrom: 5, insert: [entry(5, 2), entry(6, 2)] });
  });
});
