import { ExitStatus, ManagedProcess } from './managed-process';

export type UnexpectedExitListener = (process: ManagedProcess, status: ExitStatus) => void;

/** Starts a set of processes together, waits until all are healthy, and stops them all. */
export class ProcessGroup {
  private readonly byName: ReadonlyMap<string, ManagedProcess>;

  constructor(readonly processes: readonly ManagedProcess[]) {
    this.byName = new Map(processes.map((p) => [p.name, p]));
  }

  get(name: string): ManagedProcess {
    const found = this.byName.get(name);
    if (!found) throw new Error(`no process named '${name}' (known: ${[...this.byName.keys()].join(', ')})`);
    return found;
  }

  /** Calls `listener` whenever a member exits without having been asked to. */
  onUnexpectedExit(listener: UnexpectedExitListener): void {
    for (const member of this.processes) {
      member.onExit((status) => {
        if (!status.expected) listener(member, status);
      });
    }
  }

  /**
   * Spawns the named members all at once (replicas may need each other, and the frontend elects a
   * leader among them, so no member waits for another before it starts), then waits for every health;
   * `onHealthy` hears of each member as its /health first answers 200.
   */
  async startAll(
    healthTimeoutMs: number,
    names: readonly string[] = [...this.byName.keys()],
    onHealthy?: (member: ManagedProcess) => void,
  ): Promise<void> {
    const members = names.map((name) => this.get(name));
    for (const member of members) member.start();
    await Promise.all(members.map((member) => member.waitHealthy(healthTimeoutMs).then(() => onHealthy?.(member))));
  }

  /** SIGTERM to every running member, SIGKILL to those still up after `timeoutMs`; waits for all. */
  async stopAll(timeoutMs?: number): Promise<void> {
    await Promise.all(this.processes.map((member) => member.stop(timeoutMs)));
  }

  /** Synchronous SIGKILL to every running member, for `process.on('exit')`. */
  killAllNow(): void {
    for (const member of this.processes) member.killNow();
  }
}
