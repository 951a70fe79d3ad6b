import { OrderRecord } from '../../shared/contracts';
import { LogPosition } from '../log/log-position';

/** Raft's rule: the log whose last entry has the higher epoch, or the same epoch and more entries, is ahead. */
export function isAhead(a: LogPosition, b: LogPosition): boolean {
  return a.epoch > b.epoch || (a.epoch === b.epoch && a.number > b.number);
}

/** The highest number held by at least `majority` of the replicas, given each one's last matching number. */
export function majorityMatch(matchNumbers: number[], majority: number): number {
  const sorted = [...matchNumbers].sort((a, b) => b - a);
  return sorted.length >= majority ? sorted[majority - 1] : -1;
}

export function sameOrder(a: OrderRecord, b: OrderRecord): boolean {
  return (
    a.number === b.number &&
    a.requestId === b.requestId &&
    a.tradeSeq === b.tradeSeq &&
    a.name === b.name &&
    a.type === b.type &&
    a.quantity === b.quantity
  );
}

export interface AppendPlan {
  /** Entries held with the same content but an older epoch stamp: only their epoch changes. */
  restamp: OrderRecord[];
  /** Drop every entry from this number on (a stale tail that never committed), or null. */
  truncateFrom: number | null;
  insert: OrderRecord[];
}

/**
 * How a follower applies `incoming` (consecutive entries that follow a matching prefix) to what
 * it holds at the same numbers (`local`). An entry with equal content is kept (re-stamped if its
 * epoch differs), so committed orders are never removed, not even for a moment; the first entry
 * with different content starts a stale tail, which is replaced.
 */
export function planAppend(local: readonly OrderRecord[], incoming: readonly OrderRecord[]): AppendPlan {
  const held = new Map(local.map((entry) => [entry.number, entry]));
  const restamp: OrderRecord[] = [];
  for (let index = 0; index < incoming.length; index += 1) {
    const entry = incoming[index];
    const mine = held.get(entry.number);
    if (mine && sameOrder(mine, entry)) {
      if (mine.epoch !== entry.epoch) restamp.push(entry);
      continue;
    }
    return { restamp, truncateFrom: entry.number, insert: incoming.slice(index) };
  }
  return { restamp, truncateFrom: null, insert: [] };
}
