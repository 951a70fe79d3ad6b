interface Pending<Tx> {
  work: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Runs `body` in one transaction and returns its result. */
export type TransactionRunner<Tx> = <R>(body: (tx: Tx) => Promise<R>) => Promise<R>;

/**
 * Group commit: writes submitted while a transaction is being committed wait, and then all of
 * them run one after the other inside the next single transaction. One writer at a time, as
 * SQLite wants, but one commit per batch instead of one per write. A work must not throw after
 * it has written (return an outcome instead): a throw rolls back its whole batch.
 */
export class GroupCommit<Tx> {
  private queue: Pending<Tx>[] = [];
  private flushing = false;

  constructor(
    private readonly runTransaction: TransactionRunner<Tx>,
    private readonly maxBatch = 256,
  ) {}

  submit<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const results = await this.runTransaction(async (tx) => {
            const outcomes: unknown[] = [];
            for (const pending of batch) outcomes.push(await pending.work(tx));
            return outcomes;
          });
          batch.forEach((pending, i) => pending.resolve(results[i]));
        } catch (error) {
          batch.forEach((pending) => pending.reject(error));
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
