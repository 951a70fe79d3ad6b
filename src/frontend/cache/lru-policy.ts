import { LRUCache } from 'lru-cache';

export interface LruPolicyOptions<K> {
  readonly capacity: number;
  /** Entries older than this are dropped on the next access; 0 keeps them until evicted. */
  readonly ttlMs?: number;
  /** Called once per entry pushed out to make room (not for deletes, overwrites or expiry). */
  readonly onEvict?: (key: K) => void;
  /** Time source for the TTL (default: performance). */
  readonly clock?: { now(): number };
}

/**
 * Least-recently-used replacement over lru-cache: a read refreshes recency, a write beyond
 * capacity evicts the least recently used entry. No Nest, no timers of its own.
 */
export class LruPolicy<K extends NonNullable<unknown>, V extends NonNullable<unknown>> {
  private readonly entries: LRUCache<K, V>;

  constructor(options: LruPolicyOptions<K>) {
    const { capacity, ttlMs = 0, onEvict, clock } = options;
    this.entries = new LRUCache<K, V>({
      max: capacity,
      ttl: ttlMs,
      ttlAutopurge: false,
      ttlResolution: 0,
      ...(clock ? { perf: clock } : {}),
      dispose: (_value, key, reason) => {
        if (reason === 'evict') onEvict?.(key);
      },
    });
  }

  get capacity(): number {
    return this.entries.max;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value, marking it most recently used; undefined when absent or expired. */
  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** The value without touching recency. */
  peek(key: K): V | undefined {
    return this.entries.peek(key);
  }

  set(key: K, value: V): void {
    this.entries.set(key, value);
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  /** Live keys, most recently used first. */
  keys(): K[] {
    this.entries.purgeStale();
    return [...this.entries.keys()];
  }
}
