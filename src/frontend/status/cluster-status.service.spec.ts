import { loadConfig, ReplicaAddress } from '../../config/app-config';
import { ReplicaClient } from '../../shared/clients/replica.client';
import { AppendRequest, AppendResult, LeaderNotice, OrderRecord, ReplicaStatus } from '../../shared/contracts';
import { ReplicaUnreachableError } from '../../shared/errors';
import { InternalHttp, InternalReply } from '../../shared/http/internal-http';
import { HttpMetrics } from '../../shared/metrics/http-metrics';
import { FakeClock } from '../../../test/fakes/fake-clock';
import { StockCacheService } from '../cache/stock-cache.service';
import { Leadership, LeaderElection } from '../election/leader-election.service';
import { ClusterStatusService, PROBE_REUSE_MS } from './cluster-status.service';

/** Answers status for the replicas that are up, and counts every question. */
class CountingReplicas extends ReplicaClient {
  readonly down = new Set<number>();
  statusCalls = 0;

  async status(replica: ReplicaAddress): Promise<ReplicaStatus> {
    this.statusCalls += 1;
    await Promise.resolve();
    if (this.down.has(replica.id)) throw new ReplicaUnreachableError(replica.id);
    const leading = replica.id === 3;
    return {
      id: replica.id,
      epoch: 1,
      leaderId: 3,
      leading,
      quorum: leading,
      ready: true,
      lastNumber: 9,
      lastEpoch: 1,
      commitNumber: 9,
    };
  }

  announceLeader(_: ReplicaAddress, __: LeaderNotice): Promise<ReplicaStatus> {
    throw new Error('not used by the status page');
  }

  append(_: ReplicaAddress, __: AppendRequest): Promise<AppendResult> {
    throw new Error('not used by the status page');
  }

  entries(_: ReplicaAddress, __: number, ___: number): Promise<OrderRecord[]> {
    throw new Error('not used by the status page');
  }
}

describe(ClusterStatusService.name, () => {
  const config = loadConfig({ ROLE: 'frontend', ORDER_REPLICAS: '1=http://r1,2=http://r2,3=http://r3' });
  let clock: FakeClock;
  let replicas: CountingReplicas;
  let healthCalls: number;
  let leadership: Leadership | null;
  let sut: ClusterStatusService;

  beforeEach(async () => {
    clock = new FakeClock();
    // The traffic window counts whole seconds since the epoch.
    await clock.advance(Date.UTC(2026, 11, 2));
    replicas = new CountingReplicas();
    healthCalls = 0;
    const http = {
      request: async (): Promise<InternalReply<unknown>> => {
        healthCalls += 1;
        await Promise.resolve();
        return { status: 200 };
      },
    } as unknown as InternalHttp;
    leadership = { replica: config.replicas.find((replica) => replica.id === 3)!, epoch: 1 };
    const election = {
      get leadership() {
        return leadership;
      },
      onEvent: () => undefined,
    } as unknown as LeaderElection;
    const metrics = { watch: () => undefined } as unknown as HttpMetrics;
    sut = new ClusterStatusService(config, replicas, http, new StockCacheService(config), election, clock, metrics);
  });

  it('answers the requests of PROBE_REUSE_MS from one round of probes', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => sut.collect()));
    // One round: three replica statuses, the catalog's and the frontend's /health.
    expect(replicas.statusCalls).toBe(3);
    expect(healthCalls).toBe(2);
    expect(answers.map((answer) => answer.processes.map((process) => process.health))).toEqual(
      Array.from({ length: 5 }, () => ['up', 'up', 'up', 'up', 'up']),
    );

    await clock.advance(PROBE_REUSE_MS - 1);
    await sut.collect();
    expect(replicas.statusCalls).toBe(3);

    await clock.advance(1);
    await sut.collect();
    expect(replicas.statusCalls).toBe(6);
    expect(healthCalls).toBe(4);
  });

  it('shows a replica going down from the next round on, with one event', async () => {
    await sut.collect();
    replicas.down.add(2);
    const reused = await sut.collect();
    expect(reused.processes.find((process) => process.name === 'order-2')?.health).toBe('up');

    await clock.advance(PROBE_REUSE_MS);
    const next = await sut.collect();
    expect(next.processes.find((process) => process.name === 'order-2')).toEqual({
      name: 'order-2',
      role: 'order',
      url: 'http://r2',
      health: 'down',
    });
    expect(next.events.map((event) => [event.kind, event.text, event.count])).toEqual([['down', 'order-2 down', 1]]);
  });

  it("reads this frontend's own state fresh on every request", async () => {
    const first = await sut.collect();
    expect(first.leader).toEqual({ id: 3, epoch: 1 });
    leadership = null;
    await clock.advance(1);
    const second = await sut.collect();
    expect(second.leader).toBeNull();
    expect(second.at).toBe(first.at + 1);
    expect(replicas.statusCalls).toBe(3);
  });
});
