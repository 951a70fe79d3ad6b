import { Injectable, Logger } from '@nestjs/common';
import { ReplicaAddress } from '../../config/app-config';
import { ReplicaClient } from '../../shared/clients/replica.client';
import { OrderRecord, ReplicaStatus } from '../../shared/contracts';
import { NoQuorumError } from '../../shared/errors';
import { LogPosition, OrderLogRepository } from '../order-log.repository';
import { isAhead, planAppend } from './log-rules';
import { ReplicaState } from './replica-state';

export const CATCH_UP_PAGE = 1000;
const STATUS_TIMEOUT_MS = 1000;

interface PeerLog {
  peer: ReplicaAddress;
  position: LogPosition;
}

function positionOf(status: ReplicaStatus): LogPosition {
  return { number: status.lastNumber, epoch: status.lastEpoch };
}

/**
 * Brings this replica's log up to the most advanced log among its peers: on start (catch-up)
 * and when it is about to lead (takeover). Entries up to our commit point never change.
 */
@Injectable()
export class LogSync {
  private readonly logger = new Logger(LogSync.name);

  constructor(
    private readonly state: ReplicaState,
    private readonly client: ReplicaClient,
    private readonly log: OrderLogRepository,
  ) {}

  /** On start: copy what the most advanced reachable peer has beyond our commit point. */
  async catchUp(): Promise<void> {
    const answers = await Promise.allSettled(this.state.peers.map((p) => this.client.status(p, STATUS_TIMEOUT_MS)));
    const peers = answers.flatMap((answer, i) =>
      answer.status === 'fulfilled' ? [{ peer: this.state.peers[i], position: positionOf(answer.value) }] : [],
    );
    const copied = await this.adoptBest(peers);
    this.logger.log(
      `replica ${this.state.id} caught up from ${peers.length} reachable peer(s): ${copied} entries copied`,
    );
  }

  /**
   * Before leading at `epoch`: make a majority promise to refuse older leaders, adopt the most
   * advanced log among them, and re-stamp our uncommitted tail with the new epoch so that no
   * later leader can prefer an older, shorter history over it. Returns the first re-stamped number.
   */
  async takeOver(epoch: number): Promise<number> {
    const notice = { leaderId: this.state.id, epoch };
    const answers = await Promise.allSettled(this.state.peers.map((p) => this.client.announceLeader(p, notice)));
    const peers = answers.flatMap((answer, i) =>
      answer.status === 'fulfilled' ? [{ peer: this.state.peers[i], position: positionOf(answer.value) }] : [],
    );
    if (peers.length + 1 < this.state.majority) throw new NoQuorumError();
    await this.adoptBest(peers);
    const committed = this.state.commitNumber;
    await this.log.exclusive(() => this.log.restampAfter(committed, epoch));
    return committed + 1;
  }

  /** Copies from the most advanced peer when it is ahead of us; returns how many entries changed. */
  private async adoptBest(peers: PeerLog[]): Promise<number> {
    const mine = await this.log.lastPosition();
    const best = peers.reduce<PeerLog | null>(
      (top, candidate) => (isAhead(candidate.position, top?.position ?? mine) ? candidate : top),
      null,
    );
    if (!best) return 0;
    const entries = await this.fetchAfter(best.peer, this.state.commitNumber);
    return this.log.exclusive(async () => {
      const local = await this.log.after(this.state.commitNumber, Number.MAX_SAFE_INTEGER);
      const plan = planAppend(local, entries);
      const peerLast = entries.at(-1)?.number ?? this.state.commitNumber;
      const myLast = local.at(-1)?.number ?? this.state.commitNumber;
      if (plan.truncateFrom === null && myLast > peerLast) plan.truncateFrom = peerLast + 1;
      await this.log.applyPlan(plan);
      return plan.restamp.length + plan.insert.length;
    });
  }

  /**
   * Every entry of `peer` after `after`, page by page. Each page after the first starts one entry
   * early and must agree with the previous page, so a log that changed meanwhile is re-read.
   */
  private async fetchAfter(peer: ReplicaAddress, after: number): Promise<OrderRecord[]> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const entries = await this.client.entries(peer, after, CATCH_UP_PAGE);
      let consistent = true;
      while (consistent && entries.length > 0 && entries.length % CATCH_UP_PAGE === 0) {
        const last = entries[entries.length - 1];
        const page = await this.client.entries(peer, last.number - 1, CATCH_UP_PAGE + 1);
        consistent = page[0]?.number === last.number && page[0].epoch === last.epoch;
        entries.push(...page.slice(1));
        if (page.length < CATCH_UP_PAGE + 1) break;
      }
      if (consistent) return entries;
    }
    throw new Error(`the log of replica ${peer.id} kept changing while being copied`);
  }
}
