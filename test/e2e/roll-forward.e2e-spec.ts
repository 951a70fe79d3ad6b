import { http, leaderId, logsIdentical, startCluster, TestCluster, waitFor } from './support';

/**
 * Every replica runs with FAULT_INJECTION=crash-after-catalog-trade: the leader kills itself
 * right after the catalog applied a trade and before the order is in any log. Nobody retries
 * the trade; the next leader must record it on its own.
 */
describe('roll forward of a trade whose leader died mid-way', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await startCluster({ heartbeatMs: 200, commonEnv: { FAULT_INJECTION: 'crash-after-catalog-trade' } });
  });

  afterAll(async () => {
    await cluster?.stopAll();
  });

  it('records the applied trade as an order on the next leader, exactly once', async () => {
    const stocksBefore = (await http('GET', `${cluster.urls.frontend}/stocks`)).body.data;
    const before = stocksBefore.find((s: { name: string }) => s.name === 'MenhirCo');
    const leader = await leaderId(cluster);

    // Straight to the leader, so no frontend retries the request.
    const res = await http('POST', `${cluster.urls.replicas[leader]}/internal/orders`, {
      headers: { 'x-internal-token': cluster.token },
      body: { orders: [{ requestId: 'dies-mid-way', name: 'MenhirCo', type: 'buy', quantity: 7 }] },
    }).catch((error: Error) => ({ status: 0, body: error.message }));
    expect(res.status).toBe(0); // the connection dropped: the leader is gone
    await waitFor(async () => (cluster.process(`order-${leader}`).running ? undefined : true), {
      timeoutMs: 5000,
      description: 'the leader to die',
    });

    const survivors = [1, 2, 3].filter((id) => id !== leader);
    const order = await waitFor(
      async () => {
        const lookup = await http('GET', `${cluster.urls.frontend}/orders/0`);
        return lookup.status === 200 ? lookup.body : undefined;
      },
      { timeoutMs: 15_000, description: 'order 0 to appear after the failover' },
    );
    expect(order).toEqual({ data: { number: 0, name: 'MenhirCo', type: 'buy', quantity: 7 } });

    const log = await waitFor(
      async () => {
        const identical = await logsIdentical(cluster, survivors);
        return identical?.length === 1 ? identical : undefined;
      },
      { timeoutMs: 10_000, description: 'both survivors to hold the rolled-forward order' },
    );
    expect(log[0]).toMatchObject({ number: 0, requestId: 'dies-mid-way', tradeSeq: 1, name: 'MenhirCo' });

    const after = (await http('GET', `${cluster.urls.frontend}/stocks`)).body.data.find(
      (s: { name: string }) => s.name === 'MenhirCo',
    );
    expect(after).toEqual({ ...before, quantity: before.quantity - 7, volume: before.volume + 7 });
    expect((await http('GET', `${cluster.urls.frontend}/orders/1`)).status).toBe(404);
  });
});

/**
 * The leader's log write "fails" right after the catalog applied the trade, and the leader lives
 * on. Its periodic sweep must record the trade; nobody retries.
 */
describe('roll forward by the sweep of a leader that stays alive', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await startCluster({ heartbeatMs: 200, commonEnv: { FAULT_INJECTION: 'fail-after-catalog-trade' } });
  });

  afterAll(async () => {
    await cluster?.stopAll();
  });

  it('records the orphaned trade within a few sweeps, exactly once', async () => {
    const leader = await leaderId(cluster);
    const res = await http('POST', `${cluster.urls.replicas[leader]}/internal/orders`, {
      headers: { 'x-internal-token': cluster.token },
      body: { orders: [{ requestId: 'fails-mid-way', name: 'BoarCo', type: 'sell', quantity: 4 }] },
    });
    expect(res.status).toBe(500);
    expect(await leaderId(cluster)).toBe(leader);

    const order = await waitFor(
      async () => {
        const lookup = await http('GET', `${cluster.urls.frontend}/orders/0`);
        return lookup.status === 200 ? lookup.body : undefined;
      },
      { timeoutMs: 15_000, description: 'the sweep to record order 0' },
    );
    expect(order).toEqual({ data: { number: 0, name: 'BoarCo', type: 'sell', quantity: 4 } });
    const log = await waitFor(
      async () => {
        const identical = await logsIdentical(cluster, [1, 2, 3]);
        return identical?.length === 1 ? identical : undefined;
      },
      { timeoutMs: 10_000, description: 'all replicas to hold the swept order' },
    );
    expect(log[0]).toMatchObject({ number: 0, requestId: 'fails-mid-way', tradeSeq: 1 });
    const boarCo = (await http('GET', `${cluster.urls.frontend}/stocks`)).body.data.find(
      (s: { name: string }) => s.name === 'BoarCo',
    );
    expect(boarCo).toMatchObject({ quantity: 104, volume: 4 });
  });
});
