import { entry } from '../../../test/fakes/fake-replica-client';
import { strictFake } from '../../../test/fakes/strict-fake';
import { TestReplica, testReplica } from '../../../test/fixtures/replica';
import { AppendRequest } from '../../shared/contracts';
import { NotReadyError, StaleEpochError } from '../../shared/errors';
import { LogSync } from './log-sync.service';
import { ReplicaService } from './replica.service';
import { ReplicationService } from './replication.service';
import { RollForwardService } from './roll-forward.service';

const append = (epoch: number, leaderId: number, prevNumber: number, numbers: number[]): AppendRequest => ({
  epoch,
  leaderId,
  prevNumber,
  prevEpoch: prevNumber < 0 ? -1 : epoch,
  orders: numbers.map((n) => entry(n, epoch)),
  commitNumber: -1,
});

/** Appends use only the state and the log; anything else would be a surprise. */
function appendingService({ state, db, clock, config }: TestReplica): ReplicaService {
  return new ReplicaService(
    state,
    db.log,
    strictFake<LogSync>('LogSync'),
    strictFake<ReplicationService>('ReplicationService'),
    strictFake<RollForwardService>('RollForwardService'),
    clock,
    config,
  );
}

describe(ReplicaService.name, () => {
  let replica: TestReplica;
  let sut: ReplicaService;

  beforeEach(async () => {
    replica = await testReplica(1);
    sut = appendingService(replica);
    replica.state.caughtUp();
    await replica.state.observe(5, 3);
    await sut.append(append(5, 3, -1, [0, 1]));
  });

  afterEach(() => replica.db.close());

  it('stores entries from the leader of its epoch', async () => {
    expect(await sut.append(append(5, 3, 1, [2]))).toEqual({ ok: true, lastNumber: 2 });
    expect((await replica.db.reopen().after(-1, 10)).map((o) => o.number)).toEqual([0, 1, 2]);
  });

  it('refuses a leader of an older epoch and stores nothing', async () => {
    await expect(sut.append(append(4, 2, 1, [2]))).rejects.toEqual(StaleEpochError.refusing(4, 5));
    expect((await replica.db.reopen().after(-1, 10)).map((o) => o.number)).toEqual([0, 1]);
  });

  it('refuses a second leader of the same epoch and stores nothing', async () => {
    await expect(sut.append(append(5, 2, 1, [2]))).rejects.toEqual(StaleEpochError.refusing(5, 5));
    expect(replica.state.leaderId).toBe(3);
    expect(await replica.db.reopen().after(1, 10)).toEqual([]);
  });

  it('adopts a newer epoch from its leader and remembers it', async () => {
    expect(await sut.append({ ...append(6, 2, 1, [2]), prevEpoch: 5 })).toEqual({ ok: true, lastNumber: 2 });
    expect(await replica.db.reopen().loadState()).toMatchObject({ epoch: 6, leaderId: 2 });
  });

  it('answers where to resend from when it does not hold the entry the append follows', async () => {
    expect(await sut.append(append(5, 3, 4, [5]))).toEqual({ ok: false, resendFrom: 0 });
  });

  it('takes the commit point from the append, up to what it holds', async () => {
    await sut.append({ ...append(5, 3, 1, [2]), commitNumber: 9 });
    expect(replica.state.commitNumber).toBe(2);
  });

  it('refuses appends while it is still catching up', async () => {
    const starting = await testReplica(2);
    await expect(appendingService(starting).append(append(5, 3, -1, [0]))).rejects.toBeInstanceOf(NotReadyError);
    await starting.db.close();
  });
});

/** Resolves once `condition` holds (the log writes are real, so this takes a few turns). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}

/** A takeover that waits until released, counting how often it ran. */
class SlowTakeover {
  readonly epochs: number[] = [];
  private open: () => void = () => undefined;
  private readonly gate = new Promise<void>((resolve) => (this.open = resolve));

  readonly sync = {
    takeOver: async (epoch: number) => {
      this.epochs.push(epoch);
      await this.gate;
      return 0;
    },
  } as unknown as LogSync;

  release(): void {
    this.open();
  }
}

describe(`${ReplicaService.name} named leader by two frontends at once`, () => {
  let replica: TestReplica;
  let takeover: SlowTakeover;
  let sut: ReplicaService;

  beforeEach(async () => {
    replica = await testReplica(3);
    replica.state.caughtUp();
    takeover = new SlowTakeover();
    const replication = { start: async () => undefined, waitCommitted: async () => undefined, hasQuorum: () => true };
    sut = new ReplicaService(
      replica.state,
      replica.db.log,
      takeover.sync,
      replication as unknown as ReplicationService,
      { ensure: async () => undefined } as unknown as RollForwardService,
      replica.clock,
      replica.config,
    );
  });

  afterEach(() => replica.db.close());

  it('takes over once for two notices of the same epoch, and answers both once it leads', async () => {
    const answers = Promise.all([
      sut.leaderNotice({ leaderId: 3, epoch: 4 }),
      sut.leaderNotice({ leaderId: 3, epoch: 4 }),
    ]);
    await new Promise((resolve) => setImmediate(resolve));
    takeover.release();
    const [first, second] = await answers;
    expect(takeover.epochs).toEqual([4]);
    expect(first).toMatchObject({ leading: true, epoch: 4, leaderId: 3 });
    expect(second).toEqual(first);
  });

  it('leads at the newer epoch when named again during a takeover, without running two at once', async () => {
    const older = sut.leaderNotice({ leaderId: 3, epoch: 4 });
    await until(() => takeover.epochs.length > 0);
    const newer = sut.leaderNotice({ leaderId: 3, epoch: 5 });
    await until(() => replica.state.epoch === 5);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(takeover.epochs).toEqual([4]);
    takeover.release();
    await Promise.all([older, newer]);
    expect(takeover.epochs).toEqual([4, 5]);
    expect(replica.state.snapshot()).toMatchObject({ leading: true, epoch: 5 });
  });
});
