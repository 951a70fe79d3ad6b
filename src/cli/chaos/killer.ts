import { setTimeout as sleep } from 'node:timers/promises';
import { describeExit, ManagedProcess, replicaName } from '../process';
import { readInternal } from '../inspect/internal-api';
import { Prng } from '../load/prng';
import { ChaosCluster } from './chaos-cluster';
import { ChaosTarget, CrashEvent, FaultAction, KillEvent } from './chaos.types';

export interface KillerOptions {
  readonly everyMs: number;
  readonly downMs: number;
  readonly killCatalog: boolean;
  readonly killFrontend: boolean;
  /** Every other pair of faults freezes its victims (SIGSTOP for pauseMs) instead of killing them. */
  readonly pause: boolean;
  readonly pauseMs: number;
  readonly seed: number;
  readonly healthTimeoutMs: number;
  /** Milliseconds since the run started. */
  readonly clock: () => number;
  readonly say: (line: string) => void;
}

/**
 * The order of targets, repeated: the leader on every other kill (a random replica may be the leader
 * too), the services early so that short runs hit them.
 */
export function killCycle(killCatalog: boolean, killFrontend: boolean): ChaosTarget[] {
  const others: ChaosTarget[] = [
    ...(killFrontend ? ['frontend' as const] : []),
    ...(killCatalog ? ['catalog' as const] : []),
    'replica',
  ];
  return others.flatMap((other): ChaosTarget[] => ['leader', other]);
}

/** Kills only, or with `pause`: two kills (the leader, another), two pauses, and so on. */
export function actionFor(round: number, pause: boolean): FaultAction {
  return pause && Math.floor(round / 2) % 2 === 1 ? 'pause' : 'kill';
}

/**
 * Every `everyMs`, SIGKILLs one process and starts it again after `downMs` — or, with `pause`,
 * SIGSTOPs it for `pauseMs` and sends SIGCONT — then waits until it is healthy before the next
 * fault, so at most one process (and so one replica) is ever down or frozen.
 */
export class Killer {
  readonly kills: KillEvent[] = [];
  readonly crashes: CrashEvent[] = [];
  /** The process currently down or coming back, if any. */
  down?: string;
  private readonly random: Prng;
  private readonly cycle: ChaosTarget[];
  private readonly wake = new AbortController();
  private running?: Promise<void>;

  constructor(
    private readonly cluster: ChaosCluster,
    private readonly options: KillerOptions,
  ) {
    this.random = new Prng(options.seed ^ 0x5eed);
    this.cycle = killCycle(options.killCatalog, options.killFrontend);
    cluster.group.onUnexpectedExit((member, status) => {
      this.crashes.push({ at: options.clock(), process: member.name, exit: describeExit(status) });
      options.say(`${member.name} exited on its own (${describeExit(status)})`);
    });
  }

  start(): void {
    this.running = this.loop();
  }

  /** Ends the loop; a victim that is down is started again first. */
  async stop(): Promise<void> {
    this.wake.abort();
    await this.running;
  }

  private async loop(): Promise<void> {
    for (let round = 0; ; round += 1) {
      try {
        await sleep(this.options.everyMs, undefined, { signal: this.wake.signal });
      } catch {
        return;
      }
      if (!(await this.everyoneUp())) continue;
      await this.faultOnce(this.cycle[round % this.cycle.length], actionFor(round, this.options.pause));
    }
  }

  private async everyoneUp(): Promise<boolean> {
    try {
      const restarted = await this.cluster.startMissing(this.options.healthTimeoutMs);
      if (restarted.length > 0) this.options.say(`restarted ${restarted.join(', ')} (down without being killed)`);
      return true;
    } catch (error) {
      this.options.say(`not every process is healthy, skipping this kill: ${String(error).split('\n')[0]}`);
      return false;
    }
  }

  private async faultOnce(target: ChaosTarget, action: FaultAction): Promise<void> {
    const { victim, wasLeader } = await this.victimFor(target);
    const event: KillEvent = { at: this.options.clock(), action, process: victim.name, target, wasLeader };
    this.kills.push(event);
    this.down = victim.name;
    if (action === 'kill') {
      this.options.say(`SIGKILL ${victim.name}${wasLeader ? ' (leader)' : ''}`);
      await victim.kill('SIGKILL');
      await sleep(this.options.downMs);
      victim.start();
    } else {
      this.options.say(`SIGSTOP ${victim.name}${wasLeader ? ' (leader)' : ''} for ${this.options.pauseMs} ms`);
      victim.signal('SIGSTOP');
      await sleep(this.options.pauseMs);
      victim.signal('SIGCONT');
    }
    event.restartedAt = this.options.clock();
    try {
      await victim.waitHealthy(this.options.healthTimeoutMs);
      event.healthyAt = this.options.clock();
    } catch (error) {
      event.problem = String(error).split('\n')[0];
      this.options.say(`${victim.name} did not come back: ${event.problem}`);
    }
    this.down = undefined;
  }

  private async victimFor(target: ChaosTarget): Promise<{ victim: ManagedProcess; wasLeader: boolean }> {
    if (target === 'catalog' || target === 'frontend') {
      return { victim: this.cluster.member(this.random.pick(this.cluster.namesOf(target))), wasLeader: false };
    }
    const leader = await this.leaderId();
    const id = target === 'leader' && leader !== undefined ? leader : this.random.pick(this.cluster.replicaIds);
    return { victim: this.cluster.member(replicaName(id)), wasLeader: id === leader };
  }

  /** The replica that says it leads (the newest epoch if two do), or undefined mid-election. */
  private async leaderId(): Promise<number | undefined> {
    const statuses = await Promise.all(
      this.cluster.replicaIds.map((id) =>
        readInternal(this.cluster.replicaUrl(id), this.cluster.token, (api) => api.replicaStatus(), 1000).catch(
          () => undefined,
        ),
      ),
    );
    const leading = statuses.filter((status) => status?.leading).sort((a, b) => (b?.epoch ?? 0) - (a?.epoch ?? 0));
    return leading[0]?.id;
  }
}
