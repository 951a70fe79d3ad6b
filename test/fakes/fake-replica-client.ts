import { ReplicaAddress } from '../../src/config/app-config';
import { ReplicaClient } from '../../src/shared/clients/replica.client';
import { AppendRequest, AppendResult, LeaderNotice, OrderRecord, ReplicaStatus } from '../../src/shared/contracts';
import { ReplicaUnreachableError } from '../../src/shared/errors';

/** What one fake peer does; a missing behaviour fails the test when it is used. */
export interface FakePeer {
  append?: (request: AppendRequest) => Promise<AppendResult>;
  status?: () => Promise<ReplicaStatus>;
  announceLeader?: (notice: LeaderNotice) => Promise<ReplicaStatus>;
  /** The peer's whole log, served page by page. */
  log?: OrderRecord[];
  down?: boolean;
}

/** Replicas in memory, one FakePeer each; records every call. */
export class FakeReplicaClient extends ReplicaClient {
  readonly peers = new Map<number, FakePeer>();
  readonly appends: (AppendRequest & { to: number })[] = [];
  readonly pages: { from: number; after: number; limit: number }[] = [];

  peer(id: number, behaviour: FakePeer): this {
    this.peers.set(id, behaviour);
    return this;
  }

  async status(replica: ReplicaAddress): Promise<ReplicaStatus> {
    return this.reach(replica, 'status')();
  }

  async announceLeader(replica: ReplicaAddress, notice: LeaderNotice): Promise<ReplicaStatus> {
    return this.reach(replica, 'announceLeader')(notice);
  }

  async append(replica: ReplicaAddress, request: AppendRequest): Promise<AppendResult> {
    this.appends.push({ ...request, to: replica.id });
    return this.reach(replica, 'append')(request);
  }

  async entries(replica: ReplicaAddress, after: number, limit: number): Promise<OrderRecord[]> {
    const peer = this.peers.get(replica.id);
    if (!peer || peer.down) throw new ReplicaUnreachableError(replica.id);
    if (!peer.log) throw new Error(`peer ${replica.id} has no log to serve`);
    this.pages.push({ from: replica.id, after, limit });
    return peer.log.filter((entry) => entry.number > after).slice(0, limit);
  }

  private reach<K extends 'append' | 'status' | 'announceLeader'>(
    replica: ReplicaAddress,
    call: K,
  ): NonNullable<FakePeer[K]> {
    const peer = this.peers.get(replica.id);
    if (!peer || peer.down) throw new ReplicaUnreachableError(replica.id);
    const behaviour = peer[call];
    if (!behaviour) throw new Error(`peer ${replica.id} was not expected to get ${call}`);
    return behaviour;
  }
}

/** A log entry for tests: `number` at `epoch`, with a request id and trade seq derived from both. */
export function entry(number: number, epoch = 1, requestId = `r${number}`): OrderRecord {
  return { number, epoch, name: 'GameStart', type: 'buy', quantity: 1, requestId, tradeSeq: number + 1 };
}
