/** Calls `tick` now and every `intervalMs` until stopped. */
export class Periodic {
  private readonly timer: ReturnType<typeof setInterval>;
  private stopped = false;

  constructor(
    private readonly tick: () => void,
    intervalMs: number,
  ) {
    tick();
    this.timer = setInterval(tick, intervalMs);
  }

  /** Stops after one last tick; later calls do nothing. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    this.tick();
  }
}
