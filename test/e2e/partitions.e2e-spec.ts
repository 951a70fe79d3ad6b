import { setTimeout as sleep } from 'node:timers/promises';
import { ReplicaStatus } from '../../src/shared/contracts';
import {
  expectNothingLost,
  leaderId,
  LoopbackPartition,
  partitionsUnavailable,
  replicaStatus,
  startCluster,
  TestCluster,
  TradeOutcome,
  tradeContinuously,
  waitFor,
} from './support';

/** Five clients over five stocks: each client's buys and sells of any one stock alternate, so none runs out. */
const STOCKS = ['GameStart', 'FishCo', 'BoarCo', 'MenhirCo', 'PotionCo'];
const REPLICAS = [1, 2, 3];
const unavailable = partitionsUnavailable();

/** Every replica that says it leads, by epoch, sampled while the test runs: at most one per epoch. */
class LeadershipRecorder {
  readonly leadersByEpoch = new Map<number, Set<number>>();
  private running = true;
  private readonly loop: Promise<void>;

  constructor(cluster: TestCluster) {
    this.loop = (async () => {
      while (this.running) {
        const statuses = await Promise.all(REPLICAS.map((id) => replicaStatus(cluster, id).catch(() => undefined)));
        for (const status of statuses.filter((s): s is ReplicaStatus => s?.leading === true)) {
          const leaders = this.leadersByEpoch.get(status.epoch) ?? new Set<number>();
          leaders.add(status.id);
          this.leadersByEpoch.set(status.epoch, leaders);
        }
        await sleep(50);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}

/** The longest time without a successful trade around `at`, from the answers clients got. */
function longestGapAround(outcomes: readonly TradeOutcome[], at: number): number {
  const times = outcomes.filter((o) => o.status === 200).map((o) => o.at);
  const before = Math.max(...times.filter((t) => t <= at));
  const after = times.filter((t) => t > at).sort((a, b) => a - b);
  let gap = (after[0] ?? Date.now()) - before;
  for (let i = 1; i < after.length; i += 1) gap = Math.max(gap, after[i] - after[i - 1]);
  return gap;
}

(unavailable ? describe.skip : describe)(
  'real network partitions on the loopback (iptables, one cgroup per process)',
  () => {
    let partition: LoopbackPartition;
    let cluster: TestCluster;
    let recorder: LeadershipRecorder;
    const acknowledged: TradeOutcome[] = [];

    beforeAll(async () => {
      partition = new LoopbackPartition('e2e');
      cluster = await startCluster({ launcherFor: (name, port) => partition.launcherFor(name, port) });
      recorder = new LeadershipRecorder(cluster);
    });

    afterAll(async () => {
      await recorder?.stop();
      partition?.heal();
      await cluster?.stopAll();
      partition?.dispose();
    });

    /** Trades through `cut`, heals it, and checks nothing acknowledged was lost; answers the longest stall. */
    async function tradeThrough(name: string, cut: (leader: number) => void): Promise<void> {
      const leader = await leaderId(cluster);
      const load = tradeContinuously(cluster.urls.frontend, 5, STOCKS);
      const okCount = () => load.outcomes.filter((o) => o.status === 200).length;
      await waitFor(async () => (okCount() >= 30 ? true : undefined), { timeoutMs: 20_000, description: '30 trades' });
      const cutAt = Date.now();
      cut(leader);
      const before = okCount();
      await waitFor(async () => (okCount() >= before + 50 ? true : undefined), {
        timeoutMs: 20_000,
        description: `50 trades after cutting (${name})`,
      });
      partition.heal();
      await load.stop();
      const gap = longestGapAround(load.outcomes, cutAt);
      // A cut-off leader does not know it was replaced until it hears from the others again.
      const now = await waitFor(() => leaderId(cluster).catch(() => undefined), {
        timeoutMs: 10_000,
        description: 'one leader once healed',
      });
      console.log(`partition (${name}): leader was ${leader}, now ${now}; longest stall ${gap} ms`);
      expect(load.outcomes.filter((o) => o.status !== 200)).toEqual([]);
      acknowledged.push(...load.outcomes);
      await expectNothingLost(cluster, acknowledged);
    }

    it('fails over when the leader is cut off from both followers (the frontend still reaches it)', async () => {
      await tradeThrough('leader cut off from the followers', (leader) => {
        for (const follower of REPLICAS.filter((id) => id !== leader))
          partition.cut(`order-${leader}`, `order-${follower}`);
      });
    }, 60_000);

    it('fails over when only the frontend cannot reach the leader', async () => {
      await tradeThrough('leader cut off from the frontend', (leader) => partition.cut(`order-${leader}`, 'frontend'));
    }, 60_000);

    it('keeps trading when one follower is cut off from everyone', async () => {
      await tradeThrough('one follower isolated', (leader) => {
        const follower = REPLICAS.find((id) => id !== leader)!;
        const others = [...REPLICAS.filter((id) => id !== follower).map((id) => `order-${id}`), 'frontend', 'catalog'];
        partition.isolate(`order-${follower}`, others);
      });
    }, 60_000);

    it('never had two replicas lead the same epoch', async () => {
      await recorder.stop();
      const twice = [...recorder.leadersByEpoch].filter(([, leaders]) => leaders.size > 1);
      expect(twice).toEqual([]);
      expect(recorder.leadersByEpoch.size).toBeGreaterThanOrEqual(3);
    });
  },
);

if (unavailable) {
  describe('real network partitions on the loopback', () => {
    it.skip(`skipped: ${unavailable}`, () => undefined);
  });
}
