/** What the status page charts: the last minute, one point per second. */
export interface TrafficSeries {
  /** The start of each second (ms since the epoch), oldest first. */
  readonly seconds: number[];
  /** Successful trades in that second. */
  readonly trades: number[];
  readonly lookups: number[];
  /** Mean latency in that second, null when there was none. */
  readonly tradeLatencyMs: (number | null)[];
  readonly lookupLatencyMs: (number | null)[];
}

export type TrafficKind = 'trade' | 'lookup';

interface Slot {
  second: number;
  trades: number;
  tradeSeconds: number;
  lookups: number;
  lookupSeconds: number;
}

const emptySlot = (second: number): Slot => ({ second, trades: 0, tradeSeconds: 0, lookups: 0, lookupSeconds: 0 });
const mean = (total: number, count: number): number | null => (count === 0 ? null : (total * 1000) / count);

/**
 * Requests per second and their mean latency over the last `span` complete seconds, in a ring of
 * one slot per second. Time comes from the caller; no timers. Pure, so it is unit-tested directly.
 */
export class TrafficWindow {
  private readonly slots: Slot[];

  constructor(private readonly span = 60) {
    this.slots = Array.from({ length: span }, () => emptySlot(-1));
  }

  record(kind: TrafficKind, seconds: number, nowMs: number): void {
    const second = Math.floor(nowMs / 1000);
    const index = this.indexOf(second);
    if (this.slots[index].second !== second) this.slots[index] = emptySlot(second);
    const slot = this.slots[index];
    if (kind === 'trade') {
      slot.trades += 1;
      slot.tradeSeconds += seconds;
    } else {
      slot.lookups += 1;
      slot.lookupSeconds += seconds;
    }
  }

  /** The `span` seconds before the current one (which is still filling), oldest first. */
  series(nowMs: number): TrafficSeries {
    const current = Math.floor(nowMs / 1000);
    const slots = Array.from({ length: this.span }, (_, i) => {
      const second = current - this.span + i;
      const slot = this.slots[this.indexOf(second)];
      return slot.second === second ? slot : emptySlot(second);
    });
    return {
      seconds: slots.map((s) => s.second * 1000),
      trades: slots.map((s) => s.trades),
      lookups: slots.map((s) => s.lookups),
      tradeLatencyMs: slots.map((s) => mean(s.tradeSeconds, s.trades)),
      lookupLatencyMs: slots.map((s) => mean(s.lookupSeconds, s.lookups)),
    };
  }

  /** The ring slot of a second; seconds before the epoch (only fake clocks get there) count too. */
  private indexOf(second: number): number {
    return ((second % this.span) + this.span) % this.span;
  }
}
