import { setTimeout as sleep } from 'node:timers/promises';
import {
  expectNothingLost,
  http,
  leaderId,
  replicaStatus,
  startCluster,
  TestCluster,
  tradeContinuously,
  waitFor,
} from './support';

/** Five clients over five stocks: each client's buys and sells of any one stock alternate, so none runs out. */
const STOCKS = ['GameStart', 'FishCo', 'BoarCo', 'MenhirCo', 'PotionCo'];
const FREEZE_MS = 8000;

/**
 * A leader that is alive but does not answer (SIGSTOP: a long GC pause, a stalled VM) must be
 * replaced as fast as a dead one, while it is still frozen, and must commit nothing when it wakes.
 */
describe('a frozen leader (SIGSTOP for 8 s) under 5 trading clients, default heartbeat', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await startCluster();
  });

  afterAll(async () => {
    await cluster?.stopAll();
  });

  it('is replaced while still frozen, steps down when it wakes, and nothing is lost or doubled', async () => {
    const frozen = await leaderId(cluster);
    const load = tradeContinuously(cluster.urls.frontend, 5, STOCKS);
    await waitFor(async () => (load.outcomes.length >= 50 ? true : undefined), {
      timeoutMs: 20_000,
      description: '50 trades before the freeze',
    });
    const frozenAt = Date.now();
    cluster.process(`order-${frozen}`).pause();

    const newLeader = await waitFor(
      async () => {
        const health = await http('GET', `${cluster.urls.frontend}/health`, { timeoutMs: 1000 });
        const leader = health.body?.data?.leader as number | undefined;
        return leader !== undefined && leader !== frozen ? leader : undefined;
      },
      { timeoutMs: FREEZE_MS - 1000, intervalMs: 20, description: 'the frontend to name another leader' },
    );
    const named = Date.now();
    await waitFor(async () => (load.outcomes.some((o) => o.status === 200 && o.at > named) ? true : undefined), {
      timeoutMs: FREEZE_MS - 1000,
      intervalMs: 10,
      description: 'a trade served by the new leader',
    });
    const resumedAt = Math.min(...load.outcomes.filter((o) => o.status === 200 && o.at > named).map((o) => o.at));
    expect(Date.now() - frozenAt).toBeLessThan(FREEZE_MS); // still frozen
    console.log(
      `frozen leader: replica ${newLeader} named ${named - frozenAt} ms after SIGSTOP of ${frozen}; ` +
        `first trade it served ${resumedAt - frozenAt} ms after`,
    );

    await sleep(Math.max(0, frozenAt + FREEZE_MS - Date.now()));
    cluster.process(`order-${frozen}`).resume();
    await sleep(2000);
    await load.stop();
    const duringFreeze = load.outcomes.filter((o) => o.at > frozenAt && o.at < frozenAt + FREEZE_MS);
    console.log(`frozen leader: ${duringFreeze.length} trades answered while it was frozen`);

    const woken = await waitFor(
      async () => {
        const status = await replicaStatus(cluster, frozen);
        return status.leading ? undefined : status;
      },
      { timeoutMs: 10_000, description: 'the woken leader to step down' },
    );
    const current = await replicaStatus(cluster, newLeader);
    expect(woken).toMatchObject({ leading: false, epoch: current.epoch, leaderId: newLeader });
    expect(await leaderId(cluster)).toBe(newLeader);

    expect(load.outcomes.filter((o) => o.status !== 200)).toEqual([]);
    await expectNothingLost(cluster, load.outcomes);
  }, 60_000);
});
