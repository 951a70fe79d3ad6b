import { AppConfig, loadConfig, ReplicaAddress } from '../../config/app-config';
import { ReplicaClient } from '../../shared/clients/replica.client';
import { AppendRequest, AppendResult, LeaderNotice, OrderRecord, ReplicaStatus } from '../../shared/contracts';
import { NoQuorumError, NotLeaderError, ReplicaUnreachableError } from '../../shared/errors';
import { FakeClock, flushPromises } from '../../../test/fakes/fake-clock';
import { ElectionEvent, LeaderElection } from './leader-election.service';

interface FakeReplica {
  status: ReplicaStatus;
  up: boolean;
  /** Reachable but too slow to answer (a timeout, not a refusal). */
  slow?: boolean;
  /** Refuses to lead (as a replica without a reachable majority would). */
  refusesToLead?: boolean;
  /** Alive but stopped (SIGSTOP): every call waits for its timeout. */
  frozen?: boolean;
}

/** Replicas in memory; fails loudly on the calls the frontend never makes. */
class FakeReplicaClient extends ReplicaClient {
  readonly replicas = new Map<number, FakeReplica>();
  readonly notices: (LeaderNotice & { to: number })[] = [];
  readonly statusAsked: number[] = [];
  statusCalls = 0;
  /** Set by the test: frozen replicas time out on it. */
  clock?: FakeClock;

  add(id: number, ready = true, epoch = 0): void {
    const status = {
      id,
      epoch,
      leaderId: 0,
      leading: false,
      quorum: false,
      ready,
      lastNumber: -1,
      lastEpoch: -1,
      commitNumber: -1,
    };
    this.replicas.set(id, { status, up: true });
  }

  private reach(replica: ReplicaAddress): FakeReplica {
    const fake = this.replicas.get(replica.id);
    if (!fake?.up) throw new ReplicaUnreachableError(replica.id);
    if (fake.slow) throw new ReplicaUnreachableError(replica.id, true);
    return fake;
  }

  async status(replica: ReplicaAddress, timeoutMs = 2000): Promise<ReplicaStatus> {
    this.statusCalls += 1;
    this.statusAsked.push(replica.id);
    if (this.replicas.get(replica.id)?.frozen) {
      await new Promise((resolve) => this.clock!.setTimer(timeoutMs, () => resolve(undefined)));
      throw new ReplicaUnreachableError(replica.id, true);
    }
    await new Promise((resolve) => setImmediate(resolve));
    return { ...this.reach(replica).status };
  }

  async announceLeader(replica: ReplicaAddress, notice: LeaderNotice): Promise<ReplicaStatus> {
    const fake = this.reach(replica);
    this.notices.push({ ...notice, to: replica.id });
    if (fake.refusesToLead) throw new NoQuorumError();
    Object.assign(fake.status, { epoch: notice.epoch, leaderId: notice.leaderId, leading: true, quorum: true });
    return { ...fake.status };
  }

  append(_: ReplicaAddress, __: AppendRequest): Promise<AppendResult> {
    throw new Error('the frontend never appends');
  }

  entries(_: ReplicaAddress, __: number, ___: number): Promise<OrderRecord[]> {
    throw new Error('the frontend never reads entries');
  }
}

function configWith(ids: number[]): AppConfig {
  return loadConfig({ ROLE: 'frontend', ORDER_REPLICAS: ids.map((id) => `${id}=http://replica-${id}`).join(',') });
}

describe(LeaderElection.name, () => {
  let replicas: FakeReplicaClient;
  let clock: FakeClock;
  let sut: LeaderElection;

  beforeEach(() => {
    replicas = new FakeReplicaClient();
    [1, 2, 3].forEach((id) => replicas.add(id));
    clock = new FakeClock();
    replicas.clock = clock;
    sut = new LeaderElection(configWith([1, 2, 3]), replicas, clock);
  });

  it('chooses the highest id that answers and is ready', async () => {
    expect((await sut.leader()).id).toBe(3);
    expect(replicas.notices).toEqual([{ leaderId: 3, epoch: 1, to: 3 }]);
  });

  it('skips a replica that answers but is still catching up, and one that is down', async () => {
    replicas.replicas.get(3)!.status.ready = false;
    expect((await sut.leader()).id).toBe(2);
    replicas.replicas.get(2)!.up = false;
    expect((await sut.replace({ id: 2, url: 'http://replica-2' })).id).toBe(1);
  });

  it('tries the next candidate when the first cannot take over, with a fresh epoch', async () => {
    replicas.replicas.get(3)!.refusesToLead = true;
    expect((await sut.leader()).id).toBe(2);
    expect(replicas.notices).toEqual([
      { leaderId: 3, epoch: 1, to: 3 },
      { leaderId: 2, epoch: 2, to: 2 },
    ]);
  });

  it('shares one election among concurrent callers', async () => {
    const leaders = await Promise.all(Array.from({ length: 10 }, () => sut.leader()));
    expect(leaders.map((l) => l.id)).toEqual(Array(10).fill(3));
    expect(replicas.statusCalls).toBe(3);
    expect(replicas.notices).toHaveLength(1);
  });

  it('takes epochs above every epoch seen, so they only grow', async () => {
    replicas.replicas.get(1)!.status.epoch = 41;
    await sut.leader();
    replicas.replicas.get(3)!.up = false;
    await sut.replace({ id: 3, url: 'http://replica-3' });
    expect(replicas.notices.map((n) => n.epoch)).toEqual([42, 43]);
  });

  it('does not elect again when the failed leader was already replaced', async () => {
    await sut.leader();
    replicas.replicas.get(3)!.up = false;
    const failed = { id: 3, url: 'http://replica-3' };
    const [first, second] = await Promise.all([sut.replace(failed), sut.replace(failed)]);
    expect([first.id, second.id]).toEqual([2, 2]);
    expect(replicas.notices.map((n) => n.leaderId)).toEqual([3, 2]);
  });

  it('keeps a healthy leader when a higher id comes back', async () => {
    replicas.replicas.get(3)!.up = false;
    expect((await sut.leader()).id).toBe(2);
    replicas.replicas.get(3)!.up = true;
    await sut.checkLeader();
    expect(sut.leadership?.replica.id).toBe(2);
    expect(replicas.notices).toHaveLength(1);
  });

  it('replaces a leader that fails its heartbeat', async () => {
    await sut.leader();
    replicas.replicas.get(3)!.up = false;
    await sut.checkLeader();
    expect(sut.leadership?.replica.id).toBe(2);
  });

  it('replaces a leader that answers its heartbeat but reaches no majority, without choosing it again', async () => {
    await sut.leader();
    replicas.replicas.get(3)!.status.quorum = false;
    await sut.checkLeader();
    expect(sut.leadership?.replica.id).toBe(2);
    expect(replicas.notices.map((n) => n.to)).toEqual([3, 2]);
  });

  it('tolerates one slow heartbeat but replaces a leader that stays silent', async () => {
    await sut.leader();
    replicas.replicas.get(3)!.slow = true;
    await sut.checkLeader();
    expect(sut.leadership?.replica.id).toBe(3);
    await sut.checkLeader();
    expect(sut.leadership?.replica.id).toBe(2);
  });

  it('moves off a leader without a majority at once, then retries every 100 ms for a second, then answers 503', async () => {
    const tried: number[] = [];
    const refused = sut
      .withLeader(async (leader) => {
        tried.push(leader.id);
        throw new NoQuorumError();
      })
      .catch((error: unknown) => error);
    await flushPromises();
    expect(tried).toEqual([3, 2]); // the second try, on another replica, needs no pause
    for (let elapsed = 0; elapsed < 1000; elapsed += 100) await clock.advance(100);
    expect(await refused).toBeInstanceOf(NoQuorumError);
    expect(tried).toHaveLength(12); // then at 100, 200, … 1000 ms
  });

  it('serves a request once the majority is back within the retry window', async () => {
    let calls = 0;
    const recovered = sut.withLeader(async () => {
      calls += 1;
      if (calls < 3) throw new NoQuorumError();
      return 'committed';
    });
    await flushPromises();
    await clock.advance(100);
    await clock.advance(100);
    expect(await recovered).toBe('committed');
  });

  it('retries a request on the new leader after the old one fails', async () => {
    const tried: number[] = [];
    const result = await sut.withLeader(async (leader) => {
      tried.push(leader.id);
      if (leader.id === 3) {
        replicas.replicas.get(3)!.up = false;
        throw new ReplicaUnreachableError(3);
      }
      if (leader.id === 2 && tried.length === 2) throw NotLeaderError.replica(2);
      return `served by ${leader.id}`;
    });
    expect(result).toBe('served by 2');
    expect(tried).toEqual([3, 2, 2]);
  });

  it('moves a request off a leader that stops answering, without waiting for the request to time out', async () => {
    await sut.leader();
    replicas.statusAsked.length = 0;
    const tried: number[] = [];
    const served = sut.withLeader(
      (leader, signal) =>
        new Promise<string>((resolve, reject) => {
          tried.push(leader.id);
          if (leader.id !== 3) return resolve(`served by ${leader.id}`);
          replicas.replicas.get(3)!.frozen = true; // it hangs from here on
          signal.addEventListener('abort', () => reject(new ReplicaUnreachableError(3, true)));
        }),
    );
    await flushPromises();
    await clock.advance(300); // the request is overdue: ask the leader how it is
    await clock.advance(300); // no answer within the peer timeout
    expect(await served).toBe('served by 2');
    expect(tried).toEqual([3, 2]);
    // The frozen leader was neither asked again nor chosen.
    expect(replicas.statusAsked.filter((id) => id === 3)).toEqual([3]);
  });

  it('waits for a slow leader that still answers', async () => {
    await sut.leader();
    let aborted = false;
    let finish: (value: string) => void = () => undefined;
    const served = sut.withLeader(
      (_leader, signal) =>
        new Promise<string>((resolve) => {
          finish = resolve;
          signal.addEventListener('abort', () => (aborted = true));
        }),
    );
    for (let i = 0; i < 10; i += 1) await clock.advance(300);
    finish('slow but served');
    expect(await served).toBe('slow but served');
    expect(aborted).toBe(false);
    expect(replicas.notices).toHaveLength(1);
  });

  it('gives up with 503 when no replica can lead', async () => {
    [1, 2, 3].forEach((id) => (replicas.replicas.get(id)!.up = false));
    await expect(sut.leader()).rejects.toBeInstanceOf(NoQuorumError);
  });

  it('tells its listeners of each election, failed heartbeat and failover retry', async () => {
    const events: ElectionEvent[] = [];
    sut.onEvent((event) => events.push(event));
    await sut.leader();
    replicas.replicas.get(3)!.up = false;
    await sut.checkLeader();
    await sut.withLeader(async (leader) => {
      if (leader.id === 2) {
        replicas.replicas.get(2)!.up = false;
        throw new ReplicaUnreachableError(2);
      }
      return leader.id;
    });
    replicas.replicas.get(1)!.up = false;
    await expect(sut.replace({ id: 1, url: 'http://replica-1' })).rejects.toBeInstanceOf(NoQuorumError);
    expect(events).toEqual([
      { kind: 'elected', leaderId: 3, epoch: 1 },
      { kind: 'heartbeat-failed', leaderId: 3 },
      { kind: 'elected', leaderId: 2, epoch: 2 },
      { kind: 'failover-retry', failedId: 2 },
      { kind: 'elected', leaderId: 1, epoch: 3 },
      { kind: 'election-failed' },
    ]);
  });
});

describe(`${LeaderElection.name} on two frontends`, () => {
  let replicas: FakeReplicaClient;
  let first: LeaderElection;
  let second: LeaderElection;

  beforeEach(() => {
    replicas = new FakeReplicaClient();
    [1, 2, 3].forEach((id) => replicas.add(id));
    replicas.clock = new FakeClock();
    first = new LeaderElection(configWith([1, 2, 3]), replicas, replicas.clock);
    second = new LeaderElection(configWith([1, 2, 3]), replicas, replicas.clock);
  });

  const epochs = () => [1, 2, 3].map((id) => replicas.replicas.get(id)!.status.epoch);

  it('follows the leader another frontend elected, announcing nothing', async () => {
    expect((await first.leader()).id).toBe(3);
    expect((await second.leader()).id).toBe(3);
    expect(second.leadership).toEqual({ replica: { id: 3, url: 'http://replica-3' }, epoch: 1 });
    expect(replicas.notices).toEqual([{ leaderId: 3, epoch: 1, to: 3 }]);
  });

  it('converges on one leader and one epoch when both elect at once', async () => {
    const [a, b] = await Promise.all([first.leader(), second.leader()]);
    expect([a.id, b.id]).toEqual([3, 3]);
    expect(first.leadership?.epoch).toBe(second.leadership?.epoch);
    expect(new Set(replicas.notices.map((n) => `${n.leaderId}@${n.epoch}`))).toEqual(new Set(['3@1']));
  });

  it('keeps the epoch through any number of heartbeats of both while nothing fails', async () => {
    await Promise.all([first.leader(), second.leader()]);
    const notices = replicas.notices.length;
    for (let beat = 0; beat < 20; beat += 1) await Promise.all([first.checkLeader(), second.checkLeader()]);
    expect(replicas.notices).toHaveLength(notices);
    expect(replicas.replicas.get(3)!.status.epoch).toBe(1);
  });

  it('follows the leader the other frontend chose after the old one failed', async () => {
    await first.leader();
    await second.leader();
    replicas.replicas.get(3)!.up = false;
    await second.checkLeader();
    expect(second.leadership).toMatchObject({ replica: { id: 2 }, epoch: 2 });
    await first.checkLeader();
    expect(first.leadership).toMatchObject({ replica: { id: 2 }, epoch: 2 });
    expect(replicas.notices.map((n) => `${n.leaderId}@${n.epoch}`)).toEqual(['3@1', '2@2']);
  });

  it('accepts its leader at a newer epoch another frontend named it at', async () => {
    await first.leader();
    replicas.replicas.get(3)!.status.epoch = 5;
    await first.checkLeader();
    expect(first.leadership?.epoch).toBe(5);
    expect(replicas.notices).toHaveLength(1);
  });

  it('joins a takeover in progress at its epoch instead of announcing a newer one', async () => {
    Object.assign(replicas.replicas.get(3)!.status, { epoch: 4, leaderId: 3 });
    Object.assign(replicas.replicas.get(2)!.status, { epoch: 4, leaderId: 3 });
    expect((await first.leader()).id).toBe(3);
    expect(replicas.notices).toEqual([{ leaderId: 3, epoch: 4, to: 3 }]);
    expect(epochs()).toEqual([0, 4, 4]);
  });

  it('does not follow a leader that others have already moved past', async () => {
    Object.assign(replicas.replicas.get(3)!.status, { epoch: 4, leaderId: 3, leading: true, quorum: true });
    Object.assign(replicas.replicas.get(2)!.status, { epoch: 5, leaderId: 2 });
    expect((await first.leader()).id).toBe(2);
    expect(replicas.notices).toEqual([{ leaderId: 2, epoch: 5, to: 2 }]);
  });
});
