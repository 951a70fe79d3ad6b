/**
 * Time as services see it, wherever time decides behaviour (timeouts, backoff, budgets).
 * Abstract class = DI token; unit tests bind a FakeClock and move time by hand.
 */
export abstract class Clock {
  abstract now(): number;
  /** Calls `callback` once after `ms`; the returned function cancels it. */
  abstract setTimer(ms: number, callback: () => void): () => void;

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimer(ms, resolve));
  }
}

export class SystemClock extends Clock {
  now(): number {
    return Date.now();
  }

  setTimer(ms: number, callback: () => void): () => void {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  }
}
