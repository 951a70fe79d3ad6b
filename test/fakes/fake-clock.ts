import { Clock } from '../../src/shared/time/clock';

interface Timer {
  at: number;
  callback: () => void;
}

/** A clock that stands still until a test advances it; due timers then fire in time order. */
export class FakeClock extends Clock {
  private time = 0;
  private timers = new Set<Timer>();

  now(): number {
    return this.time;
  }

  setTimer(ms: number, callback: () => void): () => void {
    const timer = { at: this.time + ms, callback };
    this.timers.add(timer);
    return () => this.timers.delete(timer);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, firing due timers (and letting promise callbacks run between them). */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      const next = [...this.timers].filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.timers.delete(next);
      this.time = next.at;
      next.callback();
      await flushPromises();
    }
    this.time = until;
    await flushPromises();
  }
}

/** Lets every promise callback that is ready run. */
export async function flushPromises(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setImmediate(resolve));
}
