import { clientSeed, Prng } from './prng';

describe(Prng.name, () => {
  it('repeats the same sequence for the same seed', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const draws = Array.from({ length: 20 }, () => [a.next(), b.next()]);
    for (const [x, y] of draws) expect(x).toBe(y);
  });

  it('gives a different sequence for another seed', () => {
    const a = Array.from(
      { length: 5 },
      (
        (sut) => () =>
          sut.next()
      )(new Prng(1)),
    );
    const b = Array.from(
      { length: 5 },
      (
        (sut) => () =>
          sut.next()
      )(new Prng(2)),
    );
    expect(a).not.toEqual(b);
  });

  it('keeps int() within its bounds and reaches both ends', () => {
    const sut = new Prng(7);
    const seen = new Set(Array.from({ length: 500 }, () => sut.int(1, 5)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('makes chance(0) never and chance(1) always true', () => {
    const sut = new Prng(3);
    const draws = Array.from({ length: 100 }, () => [sut.chance(0), sut.chance(1)]);
    expect(draws.every(([never, always]) => !never && always)).toBe(true);
  });

  it('hits chance(p) about p of the time', () => {
    const sut = new Prng(11);
    const hits = Array.from({ length: 10_000 }, () => sut.chance(0.4)).filter(Boolean).length;
    expect(hits / 10_000).toBeCloseTo(0.4, 1);
  });

  it('refuses to pick from an empty list', () => {
    expect(() => new Prng(1).pick([])).toThrow('empty');
  });
});

describe(clientSeed.name, () => {
  it('gives each client its own stable seed', () => {
    const seeds = [0, 1, 2, 3, 4].map((index) => clientSeed(9, index));
    expect(new Set(seeds).size).toBe(5);
    expect(clientSeed(9, 2)).toBe(seeds[2]);
  });
});
