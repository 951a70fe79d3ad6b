import { INVALIDATION_BATCH } from '../../config/tuning';
import { StockInvalidation } from '../../shared/contracts';

export type DeliveryOutcome = 'delivered' | 'retry' | 'rejected';

export interface OutboxOptions {
  /** Attempts per push before giving up on what it carried (the safety TTL of the cache takes over). */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Stock changes per push. */
  readonly maxBatch: number;
  /**
   * Pushes start at least this far apart: under a steady stream of trades one push carries the
   * changes of several, and the first change after a quiet spell still leaves at once.
   */
  readonly minIntervalMs: number;
}

export interface OutboxPorts {
  readonly send: (invalidations: StockInvalidation[]) => Promise<DeliveryOutcome>;
  readonly now: () => number;
  /** Resolves after `ms`, or early once `signal` aborts. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly onGiveUp?: (invalidation: StockInvalidation, outcome: DeliveryOutcome) => void;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxOptions = {
  maxAttempts: 8,
  baseDelayMs: 50,
  maxDelayMs: 2000,
  maxBatch: INVALIDATION_BATCH,
  minIntervalMs: 20,
};

/** Exponential backoff: base, 2·base, 4·base … capped. */
export function backoffMs(attempt: number, options: OutboxOptions): number {
  return Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
}

/**
 * Delivers invalidations to one frontend with bounded retries. Per stock only the highest
 * version waiting matters (it invalidates every lower one too), and one push at a time carries
 * every stock waiting: changes that pile up while a push is in flight, or during the short
 * interval between pushes, leave together in the next. (A frontend drops what it traded itself
 * before it answers the client, so this interval only delays news of others' changes.)
 */
export class InvalidationOutbox {
  /** Stock → highest version not yet delivered. */
  private readonly waiting = new Map<string, number>();
  private readonly stopping = new AbortController();
  private running?: Promise<void>;
  private lastPushAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly ports: OutboxPorts,
    private readonly options: OutboxOptions = DEFAULT_OUTBOX_OPTIONS,
  ) {}

  get pending(): number {
    return this.waiting.size;
  }

  post(invalidation: StockInvalidation): void {
    if (this.stopping.signal.aborted) return;
    const { name, version } = invalidation;
    this.waiting.set(name, Math.max(this.waiting.get(name) ?? version, version));
    this.running ??= this.deliver();
  }

  /** Waits until nothing is waiting or every push has given up. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Abandons retries still waiting; stops at the next pause. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.drain();
  }

  private async deliver(): Promise<void> {
    try {
      let attempt = 0;
      while (this.waiting.size > 0) {
        const wait = this.lastPushAt + this.options.minIntervalMs - this.ports.now();
        if (wait > 0 && !this.stopping.signal.aborted) await this.pause(wait);
        this.lastPushAt = this.ports.now();
        const batch = [...this.waiting].slice(0, this.options.maxBatch).map(([name, version]) => ({ name, version }));
        const outcome = await this.sendSafely(batch);
        if (outcome === 'delivered') {
          this.forget(batch);
          attempt = 0;
          continue;
        }
        attempt += 1;
        if (outcome === 'rejected' || attempt >= this.options.maxAttempts || this.stopping.signal.aborted) {
          for (const invalidation of this.forget(batch)) this.ports.onGiveUp?.(invalidation, outcome);
          attempt = 0;
          continue;
        }
        await this.pause(backoffMs(attempt - 1, this.options));
      }
    } finally {
      this.running = undefined;
    }
  }

  /** Drops what `batch` carried, unless a newer version arrived meanwhile; returns what it dropped. */
  private forget(batch: StockInvalidation[]): StockInvalidation[] {
    return batch.filter(({ name, version }) => this.waiting.get(name) === version && this.waiting.delete(name));
  }

  private async pause(ms: number): Promise<void> {
    try {
      await this.ports.sleep(ms, this.stopping.signal);
    } catch {
      // aborted by stop(): the next check gives up
    }
  }

  private async sendSafely(batch: StockInvalidation[]): Promise<DeliveryOutcome> {
    try {
      return await this.ports.send(batch);
    } catch {
      return 'retry';
    }
  }
}
