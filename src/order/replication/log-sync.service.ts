import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, ReplicaAddress } from '../../config/app-config';
import { ReplicaClient } from '../../shared/clients/replica.client';
import { OrderRecord, ReplicaStatus } from '../../shared/contracts';
import { NoQuorumError } from '../../shared/errors';
import { firstFulfilled } from '../../shared/sync/first-fulfilled';
import { LogPosition } from '../log/log-position';
import { OrderLogRepository } from '../log/order-log.repository';
import { isAhead } from './log-rules';
import { ReplicaState } from './replica-state';

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
  private copied = 0;

  constructor(
    private readonly state: ReplicaState,
    private readonly client: ReplicaClient,
    private readonly log: OrderLogRepository,
    private readonly config: AppConfig,
  ) {}

  /** Entries copied from peers since this process started (catch-up on start and before leading). */
  get entriesCopied(): number {
    return this.copied;
  }

  /** On start: copy what the most advanced reachable peer has beyond our commit point. */
  async catchUp(): Promise<void> {
    const timeout = this.config.replication.peerTimeoutMs;
    const answers = await Promise.allSettled(this.state.peers.map((p) => this.client.status(p, timeout)));
    const peers = answers.flatMap((answer, i) =>
      answer.status === 'fulfilled' ? [{ peer: this.state.peers[i], position: positionOf(answer.value) }] : [],
    );
    const copied = await this.adoptBest(peers);
    this.logger.log(
      `replica ${this.state.id} caught up from ${peers.length} reachable peer(s): ${copied} entries copied`,
    );
  }

  /**
   * Before leading at `epoch`: make a majority promise to refuse older leaders and adopt the most
   * advanced log among them. A majority is enough (with this replica, one peer of two): a peer that
   * is frozen or cut off is not waited for. Returns the number from which our tail is uncommitted:
   * the caller re-stamps it with the new epoch (see ReplicaState.becomeLeader), so that no later
   * leader can prefer an older, shorter history over it.
   */
  async takeOver(epoch: number): Promise<number> {
    const notice = { leaderId: this.state.id, epoch };
    const timeout = this.config.replication.peerTimeoutMs;
    const promises = this.state.peers.map((p) => this.client.announceLeader(p, notice, timeout));
    const answers = await firstFulfilled(promises, this.state.majority - 1);
    const peers = [...answers].map(([i, status]) => ({ peer: this.state.peers[i], position: positionOf(status) }));
    if (peers.length + 1 < this.state.majority) throw new NoQuorumError();
    await this.adoptBest(peers);
    return this.state.commitNumber + 1;
  }

  /** Copies from the most advanced peer when it is ahead of us; returns how many entries changed. */
  private async adoptBest(peers: PeerLog[]): Promise<number> {
    const mine = await this.log.lastPosition();
    const best = peers.reduce<PeerLog | null>(
      (top, candidate) => (isAhead(candidate.position, top?.position ?? mine) ? candidate : top),
      null,
    );
    if (!best) return 0;
    const after = this.state.commitNumber;
    const changed = await this.log.adoptAfter(after, await this.fetchAfter(best.peer, after));
    this.copied += changed;
    return changed;
  }

  /**
   * Every entry of `peer` after `after`, page by page. Each page after the first starts one entry
   * early and must agree with the previous page, so a log that changed meanwhile is re-read.
   */
  private async fetchAfter(peer: ReplicaAddress, after: number): Promise<OrderRecord[]> {
    const page = this.config.replication.catchUpPage;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const entries = await this.client.entries(peer, after, page);
      let consistent = true;
      while (consistent && entries.length > 0 && entries.length % page === 0) {
        const last = entries[entries.length - 1];
        const next = await this.client.entries(peer, last.number - 1, page + 1);
        consistent = next[0]?.number === last.number && next[0].epoch === last.epoch;
        entries.push(...next.slice(1));
        if (next.length < page + 1) break;
      }
      if (consistent) return entries;
    }
    throw new Error(`the log of replica ${peer.id} kept changing while being copied`);
  }
}
