import { OrderRecord } from '../../shared/contracts';

/**
 * The newest entries of the log, in memory: followers are sent, and check, what was just
 * appended, and retries name request ids just recorded, so the hot path reads no SQLite. It
 * always ends at the log's last entry and holds consecutive numbers; the repository changes it
 * only after the same change has committed.
 */
export class RecentEntries {
  private entries: OrderRecord[] = [];
  private readonly numbers = new Map<string, number>();
  /** The number the log's next entry gets. */
  private next = 0;

  /** Holds at least `capacity` entries (up to twice as many: trimming is done in bulk). */
  constructor(private readonly capacity: number) {}

  /** Replaces the content: `entries` are the log's last ones, consecutive, and `next` follows them. */
  reset(entries: OrderRecord[], next: number): void {
    this.entries = entries.slice(-this.capacity);
    this.next = next;
    this.reindex();
  }

  /** Entries just appended after the last one. */
  append(records: readonly OrderRecord[]): void {
    for (const record of records) {
      this.entries.push(record);
      this.numbers.set(record.requestId, record.number);
    }
    this.next += records.length;
    if (this.entries.length > 2 * this.capacity) {
      this.entries = this.entries.slice(-this.capacity);
      this.reindex();
    }
  }

  private get first(): number {
    return this.next - this.entries.length;
  }

  /** The held entry with `number`, or undefined when it is older than what is held (or absent). */
  get(number: number): OrderRecord | undefined {
    return number >= this.first ? this.entries[number - this.first] : undefined;
  }

  /** The number of a held entry with this request id (older entries are not known here). */
  numberOf(requestId: string): number | undefined {
    return this.numbers.get(requestId);
  }

  /** Up to `limit` entries after `after`; undefined when some of them are older than what is held. */
  after(after: number, limit: number): OrderRecord[] | undefined {
    const start = Math.max(after + 1, 0);
    if (start >= this.next) return [];
    if (start < this.first) return undefined;
    return this.entries.slice(start - this.first, start - this.first + limit);
  }

  /** The log lost every entry from `number` on. */
  truncateFrom(number: number): void {
    if (number >= this.next) return;
    this.entries = this.entries.slice(0, Math.max(0, number - this.first));
    this.next = number;
    this.reindex();
  }

  /** Entries after `number` now carry `epoch`. */
  restampAfter(number: number, epoch: number): void {
    this.entries = this.entries.map((entry) => (entry.number > number ? { ...entry, epoch } : entry));
  }

  /** Held entries with these numbers now carry these epochs. */
  restamp(records: readonly OrderRecord[]): void {
    for (const record of records) {
      const index = record.number - this.first;
      if (index >= 0 && index < this.entries.length)
        this.entries[index] = { ...this.entries[index], epoch: record.epoch };
    }
  }

  private reindex(): void {
    this.numbers.clear();
    for (const entry of this.entries) this.numbers.set(entry.requestId, entry.number);
  }
}
