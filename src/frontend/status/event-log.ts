export type ClusterEventKind = 'election' | 'failover' | 'down' | 'up';

export interface ClusterEvent {
  /** When it last happened (ms since the epoch). */
  readonly at: number;
  readonly kind: ClusterEventKind;
  readonly text: string;
  /** How many times in a row it happened (e.g. trades retried during one failover). */
  readonly count: number;
}

/** The last `capacity` events, most recent first; a repeat of the newest event only counts up. */
export class EventLog {
  private events: ClusterEvent[] = [];

  constructor(private readonly capacity = 30) {}

  add(kind: ClusterEventKind, text: string, at: number): void {
    const newest = this.events[0];
    if (newest?.kind === kind && newest.text === text) {
      this.events[0] = { ...newest, at, count: newest.count + 1 };
      return;
    }
    this.events = [{ at, kind, text, count: 1 }, ...this.events].slice(0, this.capacity);
  }

  recent(): ClusterEvent[] {
    return [...this.events];
  }
}
