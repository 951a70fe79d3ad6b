import { StockInvalidation } from '../shared/contracts';

export type DeliveryOutcome = 'delivered' | 'retry' | 'rejected';

export interface OutboxOptions {
  /** Attempts per invalidation before giving up (the safety TTL of the cache takes over). */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export interface OutboxPorts {
  readonly send: (invalidation: StockInvalidation) => Promise<DeliveryOutcome>;
  /** Resolves after `ms`, or early once `signal` aborts. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly onGiveUp?: (invalidation: StockInvalidation, outcome: DeliveryOutcome) => void;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxOptions = { maxAttempts: 8, baseDelayMs: 50, maxDelayMs: 2000 };

/** Exponential backoff: base, 2·base, 4·base … capped. */
export function backoffMs(attempt: number, options: OutboxOptions): number {
  return Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
}

/**
 * Delivers invalidations with bounded retries. Per stock only the highest version waiting
 * matters (it invalidates every lower one too), so at most one delivery loop runs per stock
 * and a newer version replaces an older one still waiting.
 */
export class InvalidationOutbox {
  /** Stock → highest version not yet delivered. */
  private readonly waiting = new Map<string, number>();
  private readonly loops = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

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
    const queued = this.waiting.get(name);
    this.waiting.set(name, Math.max(queued ?? version, version));
    if (queued !== undefined) return;
    const loop = this.deliver(name).finally(() => this.loops.delete(loop));
    this.loops.add(loop);
  }

  /** Waits until nothing is waiting or every loop has given up. */
  async drain(): Promise<void> {
    while (this.loops.size > 0) await Promise.all([...this.loops]);
  }

  /** Abandons retries still waiting; stops loops at their next pause. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.drain();
  }

  private async deliver(name: string): Promise<void> {
    let attempt = 0;
    for (;;) {
      const version = this.waiting.get(name) ?? 0;
      const outcome = await this.sendSafely({ name, version });
      if (outcome === 'delivered') {
        if (this.waiting.get(name) === version) {
          this.waiting.delete(name);
          return;
        }
        attempt = 0;
        continue;
      }
      attempt += 1;
      if (outcome === 'rejected' || attempt >= this.options.maxAttempts || this.stopping.signal.aborted) {
        this.waiting.delete(name);
        this.ports.onGiveUp?.({ name, version }, outcome);
        return;
      }
      await this.pause(backoffMs(attempt - 1, this.options));
    }
  }

  private async pause(ms: number): Promise<void> {
    try {
      await this.ports.sleep(ms, this.stopping.signal);
    } catch {
      // aborted by stop(): the next check gives up
    }
  }

  private async sendSafely(invalidation: StockInvalidation): Promise<DeliveryOutcome> {
    try {
      return await this.ports.send(invalidation);
    } catch {
      return 'retry';
    }
  }
}
