import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { StockView } from '../../shared/contracts';
import { LruPolicy } from './lru-policy';

/** A last safety net only: freshness comes from invalidations, never from expiry. */
export const CACHE_SAFETY_TTL_MS = 60_000;

export interface CacheSnapshot {
  enabled: boolean;
  capacity: number;
  /** Most recently used first. */
  keys: string[];
  hits: number;
  misses: number;
  evictions: number;
  /** Cached entries dropped because the stock changed. */
  invalidations: number;
}

/** One catalog fetch in progress for a stock. */
interface Flight {
  /** Its result is stored only if at least this new; invalidations raise it while it runs. */
  floor: number;
  result: Promise<StockView>;
}

/**
 * Stock lookups served from an LRU of `CACHE_SIZE` entries.
 *
 * Freshness: the catalog pushes `(name, version)` after each committed change. A fetch that read
 * the old value may come back after that push; every fetch therefore carries a version floor
 * which each invalidation for its stock raises, and a result below its floor is returned to its
 * callers but never stored. Concurrent misses share one fetch until an invalidation detaches it.
 */
@Injectable()
export class StockCacheService {
  private readonly logger = new Logger(StockCacheService.name);
  private readonly entries: LruPolicy<string, StockView>;
  /** Every fetch still running per stock, including ones detached by an invalidation. */
  private readonly flights = new Map<string, Set<Flight>>();
  /** The fetch a new miss may join: started after the last invalidation of its stock. */
  private readonly joinable = new Map<string, Flight>();
  private hits = 0;
  private misses = 0;
  private evictions = 0;
  private invalidations = 0;

  constructor(private readonly config: AppConfig) {
    this.entries = new LruPolicy<string, StockView>({
      capacity: config.cacheSize,
      ttlMs: CACHE_SAFETY_TTL_MS,
      onEvict: (name) => this.onEvict(name),
    });
  }

  /**
   * The cached view of `name`, or what `load` fetches (stored only when it succeeds and is fresh).
   * A hit is answered at once rather than through a promise: most lookups are hits, and on the
   * hot path each promise and async frame is measurable (docs/PERFORMANCE.md, thirteenth round).
   */
  lookup(name: string, load: (name: string) => Promise<StockView>): StockView | Promise<StockView> {
    if (!this.config.cacheEnabled) {
      this.misses += 1;
      return load(name);
    }
    const cached = this.entries.get(name);
    if (cached) {
      this.hits += 1;
      return cached;
    }
    this.misses += 1;
    return (this.joinable.get(name) ?? this.fetch(name, load)).result;
  }

  /**
   * The stock changed and is now at `version`: drops an older cached value and keeps fetches in
   * flight from storing what they read before the change. Without a version (a trade this frontend
   * forwarded, whose version it does not know) every cached and in-flight value counts as old.
   * Returns whether a cached entry was dropped.
   */
  invalidate(name: string, version = Number.POSITIVE_INFINITY): boolean {
    if (!this.config.cacheEnabled) return false;
    for (const flight of this.flights.get(name) ?? []) flight.floor = Math.max(flight.floor, version);
    this.joinable.delete(name);
    const cached = this.entries.peek(name);
    if (!cached || cached.version >= version) return false;
    this.entries.delete(name);
    this.invalidations += 1;
    const why = Number.isFinite(version) ? `catalog push: v${cached.version} < v${version}` : 'traded here';
    // One per trade under load: debug, so the default log stays readable.
    this.logger.debug(`invalidated ${name} (${why})`);
    return true;
  }

  snapshot(): CacheSnapshot {
    return {
      enabled: this.config.cacheEnabled,
      capacity: this.entries.capacity,
      keys: this.config.cacheEnabled ? this.entries.keys() : [],
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
      invalidations: this.invalidations,
    };
  }

  /** What the cache holds, most recently used first, without touching recency. */
  contents(): StockView[] {
    if (!this.config.cacheEnabled) return [];
    return this.entries.keys().flatMap((name) => this.entries.peek(name) ?? []);
  }

  private fetch(name: string, load: (name: string) => Promise<StockView>): Flight {
    const flight = { floor: 0 } as Flight;
    const running = this.flights.get(name) ?? new Set<Flight>();
    running.add(flight);
    this.flights.set(name, running);
    this.joinable.set(name, flight);
    flight.result = this.settle(name, flight, load);
    return flight;
  }

  private async settle(name: string, flight: Flight, load: (name: string) => Promise<StockView>): Promise<StockView> {
    try {
      const view = await load(name);
      this.store(name, view, flight.floor);
      return view;
    } finally {
      this.forget(name, flight);
    }
  }

  private store(name: string, view: StockView, floor: number): void {
    if (view.version < floor) return;
    const cached = this.entries.peek(name);
    if (cached && cached.version > view.version) return;
    this.entries.set(name, view);
  }

  private forget(name: string, flight: Flight): void {
    const running = this.flights.get(name);
    running?.delete(flight);
    if (running?.size === 0) this.flights.delete(name);
    if (this.joinable.get(name) === flight) this.joinable.delete(name);
  }

  private onEvict(name: string): void {
    this.evictions += 1;
    this.logger.log(`evicted ${name} (least recently used, capacity ${this.entries.capacity})`);
  }
}
