import { limitHeapGrowth } from './heap-growth';

describe(limitHeapGrowth.name, () => {
  it("sets V8's heap growing factor from the percentage", () => {
    const flags: string[] = [];
    limitHeapGrowth(50, (f) => flags.push(f));
    expect(flags).toEqual(['--heap-growing-percent=50']);
  });

  it('leaves V8 its own rule at 0', () => {
    const flags: string[] = [];
    limitHeapGrowth(0, (f) => flags.push(f));
    expect(flags).toEqual([]);
  });
});
