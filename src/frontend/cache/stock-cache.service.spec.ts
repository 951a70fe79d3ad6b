import { Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { StockView } from '../../shared/contracts';
import { StockNotFoundError } from '../../shared/errors';
import { StockCacheService } from './stock-cache.service';

function view(name: string, version: number, quantity = 100): StockView {
  return { name, price: 1.5, quantity, volume: 0, version };
}

/** A catalog whose lookups stay pending until the test answers them, oldest first. */
class FakeCatalog {
  readonly calls: string[] = [];
  private readonly pending: { name: string; resolve: (v: StockView) => void; reject: (e: Error) => void }[] = [];

  readonly load = (name: string): Promise<StockView> => {
    this.calls.push(name);
    return new Promise((resolve, reject) => this.pending.push({ name, resolve, reject }));
  };

  /** A loader that answers at once with `stock`. */
  answering(stock: StockView): (name: string) => Promise<StockView> {
    return (name) => {
      this.calls.push(name);
      return Promise.resolve(stock);
    };
  }

  /** Answers the oldest pending lookup of the stock, or the newest one. */
  answer(stock: StockView, which: 'oldest' | 'newest' = 'oldest'): void {
    this.take(stock.name, which).resolve(stock);
  }

  fail(name: string, error: Error): void {
    this.take(name, 'oldest').reject(error);
  }

  private take(name: string, which: 'oldest' | 'newest') {
    const indexes = this.pending.flatMap((p, index) => (p.name === name ? [index] : []));
    const index = (which === 'oldest' ? indexes[0] : indexes[indexes.length - 1]) ?? -1;
    if (index < 0) throw new Error(`no pending lookup of ${name}`);
    return this.pending.splice(index, 1)[0];
  }
}

function config(cacheEnabled = true, cacheSize = 3): AppConfig {
  return { cacheEnabled, cacheSize } as AppConfig;
}

describe(StockCacheService.name, () => {
  let catalog: FakeCatalog;
  let logged: string[];
  let debugged: string[];

  beforeEach(() => {
    catalog = new FakeCatalog();
    logged = [];
    debugged = [];
    jest.spyOn(Logger.prototype, 'log').mockImplementation((message: unknown) => void logged.push(String(message)));
    jest.spyOn(Logger.prototype, 'debug').mockImplementation((message: unknown) => void debugged.push(String(message)));
  });

  afterEach(() => jest.restoreAllMocks());

  it('serves a repeated lookup from the cache at once, not through a promise, and counts hits and misses', async () => {
    const sut = new StockCacheService(config());
    const miss = sut.lookup('A', catalog.answering(view('A', 1)));
    expect(miss).toBeInstanceOf(Promise);
    await miss;
    expect(sut.lookup('A', catalog.load)).toEqual(view('A', 1));
    expect(catalog.calls).toEqual(['A']);
    expect(sut.snapshot()).toEqual({
      enabled: true,
      capacity: 3,
      keys: ['A'],
      hits: 1,
      misses: 1,
      evictions: 0,
      invalidations: 0,
    });
  });

  it('evicts the least recently used stock, counts it and logs one line', async () => {
    const sut = new StockCacheService(config(true, 3));
    for (const name of ['a', 'b', 'c', 'a', 'd']) await sut.lookup(name, catalog.answering(view(name, 1)));
    expect(sut.snapshot()).toMatchObject({ keys: ['d', 'a', 'c'], hits: 1, misses: 4, evictions: 1 });
    expect(logged).toEqual(['evicted b (least recently used, capacity 3)']);
  });

  it('caches only successful lookups', async () => {
    const sut = new StockCacheService(config());
    const first = sut.lookup('Nope', catalog.load);
    catalog.fail('Nope', new StockNotFoundError());
    await expect(first).rejects.toBeInstanceOf(StockNotFoundError);
    const second = sut.lookup('Nope', catalog.load);
    catalog.fail('Nope', new StockNotFoundError());
    await expect(second).rejects.toBeInstanceOf(StockNotFoundError);
    expect(catalog.calls).toEqual(['Nope', 'Nope']);
    expect(sut.snapshot().keys).toEqual([]);
  });

  it('lets concurrent misses share one catalog fetch', async () => {
    const sut = new StockCacheService(config());
    // Misses: both wait for the catalog.
    const lookups = [sut.lookup('A', catalog.load), sut.lookup('A', catalog.load)] as Promise<StockView>[];
    catalog.answer(view('A', 1));
    await expect(Promise.all(lookups)).resolves.toEqual([view('A', 1), view('A', 1)]);
    expect(catalog.calls).toEqual(['A']);
    expect(sut.snapshot()).toMatchObject({ hits: 0, misses: 2, keys: ['A'] });
  });

  it('does not store a value fetched before a change whose invalidation arrived during the fetch', async () => {
    const sut = new StockCacheService(config());
    const stale = sut.lookup('A', catalog.load);
    expect(sut.invalidate('A', 2)).toBe(false);
    catalog.answer(view('A', 1));
    await expect(stale).resolves.toEqual(view('A', 1));
    expect(sut.snapshot().keys).toEqual([]);
  });

  it('stores a value fetched during the fetch that already has the invalidated version', async () => {
    const sut = new StockCacheService(config());
    const fresh = sut.lookup('A', catalog.load);
    sut.invalidate('A', 2);
    catalog.answer(view('A', 2));
    await fresh;
    expect(sut.snapshot().keys).toEqual(['A']);
  });

  it('starts a new fetch for a miss after an invalidation instead of joining the old one', async () => {
    const sut = new StockCacheService(config());
    const old = sut.lookup('A', catalog.load);
    sut.invalidate('A', 2);
    const later = sut.lookup('A', catalog.load);
    expect(catalog.calls).toEqual(['A', 'A']);
    catalog.answer(view('A', 1));
    catalog.answer(view('A', 2));
    await expect(old).resolves.toEqual(view('A', 1));
    await expect(later).resolves.toEqual(view('A', 2));
    expect(sut.snapshot().keys).toEqual(['A']);
    expect(sut.lookup('A', catalog.load)).toEqual(view('A', 2));
  });

  it('keeps invalidating a detached fetch, so a slow old fetch never overwrites a newer change', async () => {
    const sut = new StockCacheService(config());
    const slow = sut.lookup('A', catalog.load);
    sut.invalidate('A', 2);
    const next = sut.lookup('A', catalog.load);
    catalog.answer(view('A', 2), 'newest');
    await next;
    expect(sut.snapshot().keys).toEqual(['A']);
    sut.invalidate('A', 3);
    catalog.answer(view('A', 2));
    await slow;
    expect(sut.snapshot()).toMatchObject({ keys: [], invalidations: 1 });
  });

  it('drops an older cached value on a push and logs it', async () => {
    const sut = new StockCacheService(config());
    await sut.lookup('A', catalog.answering(view('A', 1)));
    expect(sut.invalidate('A', 2)).toBe(true);
    expect(sut.snapshot()).toMatchObject({ keys: [], invalidations: 1 });
    expect(debugged).toEqual(['invalidated A (catalog push: v1 < v2)']);
  });

  it('ignores a late push for a version the cache already holds or passed', async () => {
    const sut = new StockCacheService(config());
    await sut.lookup('A', catalog.answering(view('A', 5)));
    expect(sut.invalidate('A', 4)).toBe(false);
    expect(sut.invalidate('A', 5)).toBe(false);
    expect(sut.snapshot()).toMatchObject({ keys: ['A'], invalidations: 0 });
    expect(debugged).toEqual([]);
  });

  it('treats every value as old when a trade it forwarded invalidates without a version', async () => {
    const sut = new StockCacheService(config());
    await sut.lookup('A', catalog.answering(view('A', 7)));
    const inFlight = sut.lookup('B', catalog.load);
    expect(sut.invalidate('A')).toBe(true);
    sut.invalidate('B');
    catalog.answer(view('B', 9));
    await inFlight;
    expect(sut.snapshot()).toMatchObject({ keys: [], invalidations: 1 });
    expect(debugged).toEqual(['invalidated A (traded here)']);
  });

  it('lists its contents most recently used first, without changing that order', async () => {
    const sut = new StockCacheService(config());
    for (const name of ['A', 'B', 'C']) await sut.lookup(name, catalog.answering(view(name, 1)));
    await sut.lookup('A', catalog.load);
    expect(sut.contents().map((stock) => stock.name)).toEqual(['A', 'C', 'B']);
    expect(sut.contents().map((stock) => stock.name)).toEqual(['A', 'C', 'B']);
    expect(sut.contents()[0]).toEqual(view('A', 1));
  });

  it('never lets a slower fetch replace a newer cached value', async () => {
    const sut = new StockCacheService(config());
    const first = sut.lookup('A', catalog.load);
    sut.invalidate('A', 1);
    const second = sut.lookup('A', catalog.load);
    catalog.answer(view('A', 3));
    catalog.answer(view('A', 2));
    await Promise.all([first, second]);
    expect(sut.lookup('A', catalog.load)).toEqual(view('A', 3));
  });

  it('sends every lookup to the catalog when disabled', async () => {
    const sut = new StockCacheService(config(false, 3));
    for (let i = 0; i < 3; i += 1) await sut.lookup('A', catalog.answering(view('A', 1)));
    expect(sut.invalidate('A', 2)).toBe(false);
    expect(catalog.calls).toEqual(['A', 'A', 'A']);
    expect(sut.snapshot()).toEqual({
      enabled: false,
      capacity: 3,
      keys: [],
      hits: 0,
      misses: 3,
      evictions: 0,
      invalidations: 0,
    });
  });
});
