import { flushPromises } from '../../../test/fakes/fake-clock';
import { entry, FakeReplicaClient } from '../../../test/fakes/fake-replica-client';
import { makeLeader, TestReplica, testReplica } from '../../../test/fixtures/replica';
import { AppendRequest, AppendResult } from '../../shared/contracts';
import { ReplicaUnreachableError, StaleEpochError } from '../../shared/errors';
import { FollowerChannel } from './follower-channel';

class FakeListener {
  progressed = 0;
  appends = 0;
  deposedBecause: string[] = [];
  readonly listener = {
    progressed: () => void (this.progressed += 1),
    deposed: (reason: string) => void this.deposedBecause.push(reason),
    appended: () => void (this.appends += 1),
  };
}

describe(FollowerChannel.name, () => {
  let replica: TestReplica;
  let client: FakeReplicaClient;
  let listener: FakeListener;
  /** The follower's answers, in order; once they run out it accepts everything. */
  let answers: (AppendResult | Error)[];

  const channel = (firstNumber: number) =>
    new FollowerChannel(
      replica.config.replicas.find((r) => r.id === 2)!,
      client,
      replica.db.log,
      replica.state,
      listener.listener,
      replica.clock,
      replica.config.replication,
      firstNumber,
    );

  beforeEach(async () => {
    replica = await testReplica(3);
    await makeLeader(replica.state, 2);
    await replica.db.log.appendAfter(
      { number: -1, epoch: -1 },
      [0, 1, 2, 3, 4].map((n) => entry(n, 2)),
    );
    listener = new FakeListener();
    answers = [];
    client = new FakeReplicaClient().peer(2, {
      append: async (request: AppendRequest) => {
        const answer = answers.shift() ?? { ok: true, lastNumber: request.prevNumber + request.orders.length };
        if (answer instanceof Error) throw answer;
        return answer;
      },
    });
  });

  afterEach(() => replica.db.close());

  it('on a mismatch resends from where the follower says it matches', async () => {
    answers = [{ ok: false, resendFrom: 1 }];
    const sut = channel(3);
    sut.poke();
    await flushPromises();
    expect(client.appends.map((a) => [a.prevNumber, a.prevEpoch, a.orders.map((o) => o.number)])).toEqual([
      [2, 2, [3, 4]],
      [0, 2, [1, 2, 3, 4]],
    ]);
    expect(sut.matchNumber).toBe(4);
    expect(listener.appends).toBe(2);
  });

  it('backs off while the follower is unreachable, doubling the pause, and reports it unhealthy', async () => {
    answers = [1, 2, 3].map(() => new ReplicaUnreachableError(2));
    const sut = channel(0);
    sut.poke();
    await flushPromises();
    expect(client.appends).toHaveLength(1);
    expect(sut.healthy).toBe(false);
    const { retryMinMs } = replica.config.replication;
    for (const [pause, sentAfter] of [
      [retryMinMs, 2],
      [2 * retryMinMs, 3],
      [4 * retryMinMs, 4],
    ]) {
      await replica.clock.advance(pause - 1);
      expect(client.appends).toHaveLength(sentAfter - 1);
      await replica.clock.advance(1);
      expect(client.appends).toHaveLength(sentAfter);
    }
    expect(sut.healthy).toBe(true);
    expect(sut.matchNumber).toBe(4);
    expect(listener.appends).toBe(1);
  });

  it('tells the leader it is deposed when the follower knows a newer epoch, and stops', async () => {
    answers = [StaleEpochError.refusing(2, 3)];
    const sut = channel(0);
    sut.poke();
    await flushPromises();
    expect(listener.deposedBecause).toEqual(['replica 2: stale epoch 2: current epoch is 3']);
    expect(sut.matchNumber).toBe(-1);
    expect(client.appends).toHaveLength(1);
  });

  it('carries the commit point with the next append, without sending one for it alone', async () => {
    const sut = channel(3);
    sut.poke();
    await flushPromises();
    replica.state.advanceCommit(4);
    await flushPromises();
    expect(client.appends).toHaveLength(1);
    sut.heartbeat();
    await flushPromises();
    expect(client.appends.map((a) => [a.orders.length, a.commitNumber])).toEqual([
      [2, -1],
      [0, 4],
    ]);
  });
});
