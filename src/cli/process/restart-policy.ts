/**
 * Whether a supervised process that exited on its own is started again: yes, after `delayMs`,
 * unless it has exited `maxExits` times within `windowMs` (it fails as it starts, a bad setting
 * say), when the supervisor gives up. The local launcher's counterpart of compose's
 * `restart: unless-stopped`.
 */
export class RestartPolicy {
  private readonly exits = new Map<string, number[]>();

  constructor(
    readonly delayMs = 1000,
    readonly maxExits = 5,
    readonly windowMs = 60_000,
  ) {}

  /** Notes that `name` exited at `now` (ms); answers whether it may be started again. */
  allowsRestart(name: string, now: number): boolean {
    const recent = [...(this.exits.get(name) ?? []), now].filter((at) => now - at < this.windowMs);
    this.exits.set(name, recent);
    return recent.length < this.maxExits;
  }
}
