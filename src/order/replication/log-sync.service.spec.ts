import { entry, FakeReplicaClient } from '../../../test/fakes/fake-replica-client';
import { TestReplica, testReplica } from '../../../test/fixtures/replica';
import { OrderRecord, ReplicaStatus } from '../../shared/contracts';
import { NoQuorumError } from '../../shared/errors';
import { LogSync } from './log-sync.service';

const log = (count: number, epoch: number): OrderRecord[] => Array.from({ length: count }, (_, n) => entry(n, epoch));

function statusOf(id: number, entries: OrderRecord[]): ReplicaStatus {
  const last = entries.at(-1);
  return {
    id,
    epoch: 3,
    leaderId: 0,
    leading: false,
    quorum: false,
    ready: true,
    lastNumber: last?.number ?? -1,
    lastEpoch: last?.epoch ?? -1,
    commitNumber: -1,
  };
}

describe(LogSync.name, () => {
  let replica: TestReplica;
  let client: FakeReplicaClient;
  let sut: LogSync;

  beforeEach(async () => {
    replica = await testReplica(3, { CATCH_UP_PAGE: '10' });
    client = new FakeReplicaClient();
    sut = new LogSync(replica.state, client, replica.db.log, replica.config);
  });

  afterEach(() => replica.db.close());

  it('catches up from the most advanced peer (last epoch first), page by page', async () => {
    const longer = log(25, 1);
    const newer = [...log(12, 1), ...[12, 13, 14].map((n) => entry(n, 2, `new${n}`))];
    client.peer(1, { status: async () => statusOf(1, longer), log: longer });
    client.peer(2, { status: async () => statusOf(2, newer), log: newer });
    await sut.catchUp();
    expect(await replica.db.log.after(-1, 100)).toEqual(newer);
    expect(client.pages.map((p) => [p.from, p.after, p.limit])).toEqual([
      [2, -1, 10],
      [2, 8, 11],
    ]);
  });

  it('catches up with the peers it can reach', async () => {
    const entries = log(3, 1);
    client.peer(1, { down: true });
    client.peer(2, { status: async () => statusOf(2, entries), log: entries });
    await sut.catchUp();
    expect(await replica.db.log.after(-1, 10)).toEqual(entries);
  });

  it('takes over with the promise of a majority, adopting the best log among them', async () => {
    const entries = log(4, 2);
    client.peer(1, { down: true });
    client.peer(2, { announceLeader: async () => statusOf(2, entries), log: entries });
    expect(await sut.takeOver(3)).toBe(0);
    expect(await replica.db.log.after(-1, 10)).toEqual(entries);
  });

  it('takes over as soon as a majority promised, without waiting for a frozen peer', async () => {
    const entries = log(2, 2);
    client.peer(1, { announceLeader: () => new Promise<ReplicaStatus>(() => undefined) });
    client.peer(2, { announceLeader: async () => statusOf(2, entries), log: entries });
    expect(await sut.takeOver(3)).toBe(0);
    expect(await replica.db.log.after(-1, 10)).toEqual(entries);
  });

  it('cannot take over without a majority', async () => {
    client.peer(1, { down: true });
    client.peer(2, { down: true });
    await expect(sut.takeOver(3)).rejects.toBeInstanceOf(NoQuorumError);
  });
});
