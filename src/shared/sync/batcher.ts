/** One item's result from a flush: its value, or an error that fails that item alone. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export const fulfilled = <T>(value: T): Settled<T> => ({ ok: true, value });
export const failed = (error: unknown): Settled<never> => ({ ok: false, error });

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Batching with one flush in flight: an item submitted while the line is idle is flushed at once,
 * alone; items submitted while a flush runs wait and then go together in the next one. Under load
 * every flush carries whatever accumulated, so the fixed cost of a flush (a transaction, an HTTP
 * request) is paid once per batch instead of once per item, and an idle system adds no delay.
 *
 * `flush` answers one Settled per item, in order; if it throws, every item of that batch fails
 * with the error.
 */
export class Batcher<I, O> {
  private queue: Waiting<I, O>[] = [];
  private flushing = false;

  constructor(
    private readonly flush: (items: I[]) => Promise<Settled<O>[]>,
    private readonly maxBatch = 256,
  ) {}

  submit(item: I): Promise<O> {
    return this.submitAll([item])[0];
  }

  /** Submits items together: they go in the same flush (as far as maxBatch allows). */
  submitAll(items: readonly I[]): Promise<O>[] {
    const results = items.map(
      (item) => new Promise<O>((resolve, reject) => this.queue.push({ item, resolve, reject })),
    );
    void this.drain();
    return results;
  }

  private async drain(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const results = await this.flush(batch.map((waiting) => waiting.item));
          batch.forEach((waiting, i) => settle(waiting, results[i]));
        } catch (error) {
          batch.forEach((waiting) => waiting.reject(error));
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}

function settle<I, O>(waiting: Waiting<I, O>, result: Settled<O> | undefined): void {
  if (!result) waiting.reject(new Error('the batch answered fewer results than it had items'));
  else if (result.ok) waiting.resolve(result.value);
  else waiting.reject(result.error);
}
