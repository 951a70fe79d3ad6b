import { LruPolicy } from './lru-policy';

class FakeClock {
  time = 1000;
  now(): number {
    return this.time;
  }
}

function policy(capacity: number, evicted: string[] = [], ttlMs = 0, clock = new FakeClock()) {
  return new LruPolicy<string, number>({ capacity, ttlMs, clock, onEvict: (key) => evicted.push(key) });
}

describe(LruPolicy.name, () => {
  it('never holds more than its capacity', () => {
    const sut = policy(3);
    for (const [index, key] of ['a', 'b', 'c', 'd', 'e'].entries()) sut.set(key, index);
    expect(sut.size).toBe(3);
    expect(sut.keys()).toEqual(['e', 'd', 'c']);
  });

  it('evicts the least recently used entry first, in order', () => {
    const evicted: string[] = [];
    const sut = policy(2, evicted);
    sut.set('a', 1);
    sut.set('b', 2);
    sut.set('c', 3);
    sut.set('d', 4);
    expect(evicted).toEqual(['a', 'b']);
    expect(sut.keys()).toEqual(['d', 'c']);
  });

  it('refreshes recency on a hit, so the entry read survives the next eviction', () => {
    const evicted: string[] = [];
    const sut = policy(3, evicted);
    sut.set('a', 1);
    sut.set('b', 2);
    sut.set('c', 3);
    expect(sut.get('a')).toBe(1);
    sut.set('d', 4);
    expect(evicted).toEqual(['b']);
    expect(sut.keys()).toEqual(['d', 'a', 'c']);
  });

  it('does not refresh recency on a peek', () => {
    const evicted: string[] = [];
    const sut = policy(2, evicted);
    sut.set('a', 1);
    sut.set('b', 2);
    expect(sut.peek('a')).toBe(1);
    sut.set('c', 3);
    expect(evicted).toEqual(['a']);
  });

  it('reports only capacity evictions, not deletes or overwrites', () => {
    const evicted: string[] = [];
    const sut = policy(2, evicted);
    sut.set('a', 1);
    sut.set('a', 2);
    sut.set('b', 3);
    expect(sut.delete('b')).toBe(true);
    expect(sut.delete('b')).toBe(false);
    expect(evicted).toEqual([]);
    expect(sut.keys()).toEqual(['a']);
    expect(sut.get('a')).toBe(2);
  });

  it('drops an entry once its time to live is over, without counting it as an eviction', () => {
    const clock = new FakeClock();
    const evicted: string[] = [];
    const sut = policy(2, evicted, 1000, clock);
    sut.set('a', 1);
    sut.set('b', 2);
    clock.time += 999;
    expect(sut.keys()).toEqual(['b', 'a']);
    clock.time += 2;
    expect(sut.keys()).toEqual([]);
    expect(sut.get('a')).toBeUndefined();
    expect(evicted).toEqual([]);
  });
});
