import { flushPromises } from '../../../test/fakes/fake-clock';
import { FakeReplicaClient } from '../../../test/fakes/fake-replica-client';
import { makeLeader, TestReplica, testReplica } from '../../../test/fixtures/replica';
import { AppendRequest, AppendResult, JournalEntry } from '../../shared/contracts';
import { NoQuorumError, NotLeaderError } from '../../shared/errors';
import { ReplicationService } from './replication.service';

const trade = (seq: number): JournalEntry => ({ tradeId: `t${seq}`, seq, name: 'FishCo', type: 'buy', quantity: 1 });

/** A follower that takes every append, or holds them until released. */
class Follower {
  held: (() => void)[] = [];
  hold = false;
  readonly append = (request: AppendRequest): Promise<AppendResult> => {
    const answer: AppendResult = { ok: true, lastNumber: request.prevNumber + request.orders.length };
    if (!this.hold) return Promise.resolve(answer);
    return new Promise((resolve) => this.held.push(() => resolve(answer)));
  };
}

describe(ReplicationService.name, () => {
  let replica: TestReplica;
  let client: FakeReplicaClient;
  let followers: Record<number, Follower>;
  let sut: ReplicationService;

  beforeEach(async () => {
    replica = await testReplica(3);
    followers = { 1: new Follower(), 2: new Follower() };
    client = new FakeReplicaClient().peer(1, followers[1]).peer(2, followers[2]);
    sut = new ReplicationService(replica.state, client, replica.db.log, replica.clock, replica.config);
    await makeLeader(replica.state, 5);
    await sut.start(0);
  });

  afterEach(() => replica.db.close());

  async function appendOrder(seq: number): Promise<number> {
    const numbers = await replica.db.log.appendTrades([trade(seq)], 5);
    const number = numbers.get(`t${seq}`)!;
    sut.appended(number);
    return number;
  }

  const sentTo = (id: number) => client.appends.filter((a) => a.to === id).map((a) => a.orders.map((o) => o.number));

  it('commits an order once one follower of two holds it (a majority of three)', async () => {
    followers[1].hold = true;
    const number = await appendOrder(1);
    await sut.waitCommitted(number);
    expect(replica.state.commitNumber).toBe(0);
    expect(sentTo(2)).toEqual([[0]]);
  });

  // Replica 3's peers in election order: 2 first (the likeliest next leader), then 1, the spare.
  it('ships a new order at once to one follower of two, and to the spare within the delay, batched', async () => {
    const { spareAppendDelayMs } = replica.config.replication;
    await sut.waitCommitted(await appendOrder(1));
    await sut.waitCommitted(await appendOrder(2));
    expect(sentTo(2)).toEqual([[0], [1]]);
    expect(sentTo(1)).toEqual([]);
    await replica.clock.advance(spareAppendDelayMs - 1);
    expect(sentTo(1)).toEqual([]);
    await replica.clock.advance(1);
    expect(sentTo(1)).toEqual([[0, 1]]);
  });

  it('lets the spare take the place of a follower that stopped answering: one order waits for slowFollowerMs, the next does not', async () => {
    const { slowFollowerMs, spareAppendDelayMs } = replica.config.replication;
    expect(spareAppendDelayMs).toBeGreaterThan(slowFollowerMs);
    followers[2].hold = true;
    let committed = false;
    const first = sut.waitCommitted(await appendOrder(1)).then(() => (committed = true));
    await flushPromises();
    expect(sentTo(2)).toEqual([[0]]);
    await replica.clock.advance(slowFollowerMs - 1);
    expect(committed).toBe(false);
    expect(sentTo(1)).toEqual([]);
    await replica.clock.advance(1);
    await first;
    expect(sentTo(1)).toEqual([[0]]);
    await sut.waitCommitted(await appendOrder(2));
    expect(sentTo(2)).toEqual([[0]]);
    expect(sentTo(1)).toEqual([[0], [1]]);
  });

  it('does not commit while no follower holds the order, and gives up after the commit timeout', async () => {
    followers[1].hold = true;
    followers[2].hold = true;
    const number = await appendOrder(1);
    const waiting = sut.waitCommitted(number).catch((error: unknown) => error);
    await replica.clock.advance(replica.config.replication.commitTimeoutMs - 1);
    expect(replica.state.commitNumber).toBe(-1);
    await replica.clock.advance(1);
    expect(await waiting).toBeInstanceOf(NoQuorumError);
  });

  it('releases every waiting order with NotLeaderError when it steps down, and ships nothing more', async () => {
    followers[1].hold = true;
    followers[2].hold = true;
    const waiting = sut.waitCommitted(await appendOrder(1)).catch((error: unknown) => error);
    await flushPromises();
    replica.state.stepDown('a newer leader');
    expect(await waiting).toBeInstanceOf(NotLeaderError);
    const sent = client.appends.length;
    followers[1].hold = followers[2].hold = false;
    await appendOrder(2);
    await flushPromises();
    expect(client.appends.length).toBe(sent);
  });

  it('refuses orders up front once too few followers answer to commit them', async () => {
    client.peers.get(1)!.down = true;
    client.peers.get(2)!.down = true;
    sut.heartbeat();
    await flushPromises();
    expect(() => sut.assertQuorum()).toThrow(NoQuorumError);
    await expect(sut.waitCommitted(await appendOrder(1))).rejects.toBeInstanceOf(NoQuorumError);
  });
});
