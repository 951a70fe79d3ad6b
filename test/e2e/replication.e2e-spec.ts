import {
  leaderId,
  logsIdentical,
  http,
  replicaLog,
  replicaStatus,
  startCluster,
  TestCluster,
  tradeContinuously,
  waitFor,
} from './support';

const STOCKS = ['GameStart', 'FishCo', 'BoarCo', 'MenhirCo'];

async function trade(cluster: TestCluster, name = 'FishCo', type: 'buy' | 'sell' = 'buy', key?: string) {
  const headers = key ? { 'idempotency-key': key } : undefined;
  return http('POST', `${cluster.urls.frontend}/orders`, { body: { name, type, quantity: 1 }, headers });
}

async function identicalLogs(cluster: TestCluster, ids: number[], length: number) {
  return waitFor(
    async () => {
      const log = await logsIdentical(cluster, ids);
      return log && log.length === length ? log : undefined;
    },
    { timeoutMs: 10_000, description: `replicas ${ids.join(', ')} holding identical logs of ${length}` },
  );
}

function expectConsecutive(numbers: number[], from = 0) {
  const sorted = [...numbers].sort((a, b) => a - b);
  expect(sorted).toEqual(Array.from({ length: numbers.length }, (_, i) => from + i));
}

describe('order replication (three real replicas, SIGKILL)', () => {
  let cluster: TestCluster;
  let acknowledged = 0;
  let oldLeader = 0;
  let newLeader = 0;

  beforeAll(async () => {
    cluster = await startCluster({ heartbeatMs: 200 });
  });

  afterAll(async () => {
    await cluster?.stopAll();
  });

  it('replicates every trade to all three replicas, row for row', async () => {
    for (let i = 0; i < 10; i += 1) {
      const res = await trade(cluster, STOCKS[i % STOCKS.length], i % 2 ? 'sell' : 'buy');
      expect(res.body).toEqual({ data: { transaction_number: i } });
    }
    acknowledged = 10;
    const log = await identicalLogs(cluster, [1, 2, 3], 10);
    expect(log.map((o) => o.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(log[1]).toMatchObject({ number: 1, name: 'FishCo', type: 'sell', quantity: 1 });
    oldLeader = await leaderId(cluster);
  });

  it('fails over when the leader is SIGKILLed: no client sees an error, numbering continues', async () => {
    const load = tradeContinuously(cluster.urls.frontend, 5, STOCKS);
    await waitFor(async () => (load.outcomes.length >= 25 ? true : undefined), {
      timeoutMs: 20_000,
      description: '25 trades before the crash',
    });
    const killedAt = Date.now();
    await cluster.process(`order-${oldLeader}`).kill('SIGKILL');
    await waitFor(async () => (load.outcomes.filter((o) => o.at > killedAt).length >= 25 ? true : undefined), {
      timeoutMs: 20_000,
      description: '25 trades after the crash',
    });
    await load.stop();

    const failures = load.outcomes.filter((o) => o.status !== 200);
    expect(failures).toEqual([]);
    const firstAfter = Math.min(...load.outcomes.filter((o) => o.at > killedAt).map((o) => o.at));
    console.log(`failover: first successful trade ${firstAfter - killedAt} ms after SIGKILL of the leader`);

    const numbers = load.outcomes.map((o) => o.transactionNumber!);
    expect(new Set(numbers).size).toBe(numbers.length);
    expectConsecutive(numbers, acknowledged);
    acknowledged += numbers.length;
    const survivors = [1, 2, 3].filter((id) => id !== oldLeader);
    newLeader = await leaderId(cluster, survivors);
    expect(newLeader).toBe(Math.max(...survivors));
    const log = await identicalLogs(cluster, survivors, acknowledged);
    for (const outcome of load.outcomes) {
      expect(log[outcome.transactionNumber!]).toMatchObject({ name: outcome.name, type: outcome.type, quantity: 1 });
    }
  });

  it('brings the old leader back as a caught-up follower without pre-empting the new leader', async () => {
    await cluster.process(`order-${oldLeader}`).start({ waitHealthy: false });
    await cluster.process(`order-${oldLeader}`).waitHealthy(20_000);
    expect((await replicaLog(cluster, oldLeader)).length).toBe(acknowledged);

    await new Promise((resolve) => setTimeout(resolve, 600)); // three heartbeats
    expect(await leaderId(cluster)).toBe(newLeader);
    expect((await trade(cluster)).body).toEqual({ data: { transaction_number: acknowledged } });
    acknowledged += 1;
    await identicalLogs(cluster, [1, 2, 3], acknowledged);
  });

  it('catches a follower up on the 50 trades it missed before it reports ready', async () => {
    const follower = [1, 2, 3].find((id) => id !== newLeader)!;
    await cluster.process(`order-${follower}`).kill('SIGKILL');
    for (let i = 0; i < 50; i += 5) {
      const batch = await Promise.all(STOCKS.concat('BoarCo').map((name) => trade(cluster, name, 'sell')));
      expect(batch.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    }
    acknowledged += 50;

    await cluster.process(`order-${follower}`).start({ waitHealthy: false });
    await cluster.process(`order-${follower}`).waitHealthy(20_000);
    const caughtUp = await replicaLog(cluster, follower);
    expect(caughtUp.length).toBe(acknowledged);
    expectConsecutive(caughtUp.map((o) => o.number));
    await identicalLogs(cluster, [1, 2, 3], acknowledged);
  });

  it('refuses a write that carries a stale epoch and changes nothing', async () => {
    const before = await replicaLog(cluster, 1);
    const status = await replicaStatus(cluster, 1);
    const forged = { ...before[0], requestId: 'forged', epoch: 1 };
    const res = await http('POST', `${cluster.urls.replicas[1]}/internal/replica/append`, {
      headers: { 'x-internal-token': cluster.token },
      body: { epoch: 1, leaderId: 3, prevNumber: -1, prevEpoch: -1, orders: [forged], commitNumber: 0 },
    });
    expect(res.status).toBe(412);
    expect(res.body).toEqual({
      error: { code: 412, reason: 'stale_epoch', message: `stale epoch 1: current epoch is ${status.epoch}` },
    });
    expect(await replicaLog(cluster, 1)).toEqual(before);
  });

  it('answers 503 within 2 s when a majority is gone, keeps lookups working, and recovers', async () => {
    const [first, second] = [1, 2, 3].filter((id) => id !== newLeader);
    await cluster.process(`order-${first}`).kill('SIGKILL');
    await cluster.process(`order-${second}`).kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 500)); // let the leader's heartbeat notice
    const started = Date.now();
    const refused = await trade(cluster, 'FishCo', 'buy', 'majority-gone');
    const elapsed = Date.now() - started;
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(elapsed).toBeLessThan(2000);
    expect((await http('GET', `${cluster.urls.frontend}/stocks/GameStart`)).status).toBe(200);

    const unchanged = await http('GET', `${cluster.urls.frontend}/stocks`);

    await cluster.process(`order-${second}`).start();
    const resumed = await waitFor(
      async () => {
        const res = await trade(cluster, 'FishCo', 'buy', 'majority-gone');
        return res.status === 200 ? res : undefined;
      },
      { timeoutMs: 20_000, description: 'trades to resume' },
    );
    expect(resumed.body).toEqual({ data: { transaction_number: acknowledged } });
    acknowledged += 1;
    await identicalLogs(cluster, [newLeader, second], acknowledged);
    // The refused attempts never reached the catalog: only the final one traded.
    const fishBefore = unchanged.body.data.find((s: { name: string }) => s.name === 'FishCo');
    const fishAfter = (await http('GET', `${cluster.urls.frontend}/stocks`)).body.data.find(
      (s: { name: string }) => s.name === 'FishCo',
    );
    expect(fishAfter.quantity).toBe(fishBefore.quantity - 1);
  });
});
