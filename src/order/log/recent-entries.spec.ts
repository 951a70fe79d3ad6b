import { OrderRecord } from '../../shared/contracts';
import { RecentEntries } from './recent-entries';

const entry = (number: number, epoch = 1): OrderRecord => ({
  number,
  epoch,
  name: 'GameStart',
  type: 'buy',
  quantity: 1,
  requestId: `r${number}`,
  tradeSeq: number + 1,
});
const range = (from: number, to: number, epoch = 1) =>
  Array.from({ length: to - from + 1 }, (_, i) => entry(from + i, epoch));

describe(RecentEntries.name, () => {
  it('keeps the newest entries (at least its capacity) and serves what follows a number', () => {
    const sut = new RecentEntries(3);
    sut.reset([], 0);
    sut.append(range(0, 6));
    expect(sut.after(3, 10)).toEqual(range(4, 6));
    expect(sut.after(4, 1)).toEqual([entry(5)]);
    expect(sut.after(6, 10)).toEqual([]);
    expect(sut.after(2, 10)).toBeUndefined(); // entry 3 is no longer held
    expect(sut.get(6)).toEqual(entry(6));
    expect(sut.get(3)).toBeUndefined();
    expect(sut.numberOf('r5')).toBe(5);
    expect(sut.numberOf('r3')).toBeUndefined();
  });

  it('serves an empty log from the start', () => {
    const sut = new RecentEntries(3);
    sut.reset([], 0);
    expect(sut.after(-1, 10)).toEqual([]);
    sut.append([entry(0)]);
    expect(sut.after(-1, 10)).toEqual([entry(0)]);
  });

  it('forgets a truncated tail, also one older than what it holds', () => {
    const sut = new RecentEntries(3);
    sut.reset(range(5, 7), 8);
    sut.truncateFrom(7);
    expect(sut.after(4, 10)).toEqual(range(5, 6));
    expect(sut.numberOf('r7')).toBeUndefined();
    sut.truncateFrom(2);
    expect(sut.after(1, 10)).toEqual([]);
    sut.append([entry(2, 2)]);
    expect(sut.after(1, 10)).toEqual([entry(2, 2)]);
    expect(sut.after(0, 10)).toBeUndefined();
  });

  it('re-stamps held entries', () => {
    const sut = new RecentEntries(5);
    sut.reset(range(0, 3), 4);
    sut.restampAfter(1, 4);
    expect(sut.after(-1, 10)!.map((e) => e.epoch)).toEqual([1, 1, 4, 4]);
    sut.restamp([entry(0, 7), entry(9, 7)]);
    expect(sut.get(0)?.epoch).toBe(7);
  });
});
