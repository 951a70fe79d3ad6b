import { firstFulfilled } from './first-fulfilled';

const never = new Promise<string>(() => undefined);
const later = (value: string, ms: number) => new Promise<string>((resolve) => setTimeout(() => resolve(value), ms));

describe('firstFulfilled', () => {
  it('answers as soon as enough have fulfilled, without waiting for one that never settles', async () => {
    const answers = await firstFulfilled([never, Promise.resolve('b'), later('c', 5)], 1);
    expect([...answers]).toEqual([[1, 'b']]);
  });

  it('skips failures and answers what fulfilled once everything settled', async () => {
    const answers = await firstFulfilled([Promise.reject(new Error('down')), later('b', 5), Promise.resolve('c')], 3);
    expect([...answers].sort()).toEqual([
      [1, 'b'],
      [2, 'c'],
    ]);
  });

  it('answers nothing at once for nothing to wait for', async () => {
    expect((await firstFulfilled([never], 0)).size).toBe(0);
    expect((await firstFulfilled([], 2)).size).toBe(0);
  });
});
