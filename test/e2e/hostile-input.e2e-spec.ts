import { request } from 'node:http';
import { http, HttpResponse, leaderId, replicaLog, replicaStatus, startCluster, TestCluster, waitFor } from './support';

/** GET with the path sent exactly as written: a URL object would resolve '.' and '%2e' segments first. */
function getRawPath(baseUrl: string, path: string): Promise<HttpResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET', agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const VALID_ORDER = '{"name":"GameStart","quantity":1,"type":"buy"}';

/** The app's own refusal: the status and the error envelope with that code. */
function expectRefused(res: HttpResponse, status: number, message?: string): void {
  expect(res.status).toBe(status);
  expect(res.body.error).toMatchObject({ code: status, ...(message ? { message } : {}) });
}

describe('hostile input: every request a 4xx with the envelope, no 5xx, no trade it should not make', () => {
  let cluster: TestCluster;
  let internal: Record<string, string>;
  let leader: string;
  let follower: string;
  let stocksBefore: unknown;

  beforeAll(async () => {
    cluster = await startCluster();
    internal = { 'x-internal-token': cluster.token };
    const leaderReplica = await leaderId(cluster);
    // The appends below are built from a follower's own status: it must have heard from the leader.
    await waitFor(
      async () => {
        const statuses = await Promise.all([1, 2, 3].map((id) => replicaStatus(cluster, id)));
        return statuses.every((status) => status.leaderId === leaderReplica && status.epoch >= 1) || undefined;
      },
      { timeoutMs: 10_000, intervalMs: 50, description: 'every replica to know the leader' },
    );
    leader = cluster.urls.replicas[leaderReplica];
    follower = cluster.urls.replicas[[1, 2, 3].find((id) => id !== leaderReplica)!];
    stocksBefore = (await http('GET', `${cluster.urls.frontend}/stocks`)).body;
  });

  afterAll(async () => {
    await cluster?.stopAll();
  });

  it('refuses deeply nested JSON on the public route with 400', async () => {
    const bodies = [deep(1500), `{"name":${deep(1500)},"quantity":1,"type":"buy"}`];
    for (const rawBody of bodies) {
      const res = await http('POST', `${cluster.urls.frontend}/orders`, { rawBody });
      expect(res.status).toBe(400);
    }
    const nested = await http('POST', `${cluster.urls.frontend}/orders`, {
      rawBody: `{"name":${deep(1500)},"quantity":1,"type":"buy"}`,
    });
    expectRefused(nested, 400, 'request body is nested too deeply');
  });

  it('refuses deeply nested JSON on every internal route with 400', async () => {
    const routes = [
      `${leader}/internal/orders`,
      `${follower}/internal/replica/append`,
      `${follower}/internal/replica/leader`,
      `${cluster.urls.catalog}/internal/trades`,
      `${cluster.urls.catalog}/internal/fence`,
      `${cluster.urls.frontend}/internal/cache/invalidations`,
    ];
    for (const url of routes) {
      for (const rawBody of [deep(1500), `{"orders":${deep(1500)}}`, `{"epoch":1,"trades":${deep(1500)}}`]) {
        expectRefused(await http('POST', url, { rawBody, headers: internal }), 400);
      }
    }
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses an order that carries a "%s" key, and trades nothing',
    async (key) => {
      const rawBody = VALID_ORDER.replace('}', `,"${key}":{"isAdmin":true}}`);
      expectRefused(
        await http('POST', `${cluster.urls.frontend}/orders`, { rawBody }),
        400,
        `property ${key} should not exist`,
      );
    },
  );

  it.each(['.', '%2e', '..', '%2E%2E'])('answers GET /stocks/%s with 404', async (name) => {
    expectRefused(await getRawPath(cluster.urls.frontend, `/stocks/${name}`), 404, 'stock not found');
  });

  it('answers a stock name longer than any stock with 404, not 503', async () => {
    expectRefused(await http('GET', `${cluster.urls.frontend}/stocks/${':'.repeat(8 * 1024)}`), 404, 'stock not found');
    expectRefused(await http('GET', `${cluster.urls.frontend}/stocks/${'x'.repeat(65)}`), 404, 'stock not found');
  });

  it('refuses an append whose entries do not follow prevNumber, and stores nothing', async () => {
    const status = await replicaStatus(cluster, 1);
    const before = await replicaLog(cluster, 1);
    const entry = {
      number: 14,
      name: 'GameStart',
      type: 'buy',
      quantity: 1,
      requestId: 'gap',
      tradeSeq: 99,
      epoch: status.epoch,
    };
    const res = await http('POST', `${cluster.urls.replicas[1]}/internal/replica/append`, {
      headers: internal,
      body: {
        epoch: status.epoch,
        leaderId: status.leaderId,
        prevNumber: 7,
        prevEpoch: status.epoch,
        orders: [entry],
        commitNumber: -1,
      },
    });
    expectRefused(res, 400, 'orders[0].number must be 8 (entries follow prevNumber)');
    expect(res.body.error.reason).toBe('bad_request');
    expect(await replicaLog(cluster, 1)).toEqual(before);
  });

  it('refuses a 5.7 MB append at once, before reading it, and keeps the leader in place', async () => {
    const epoch = (await replicaStatus(cluster, 1)).epoch;
    const started = Date.now();
    const res = await http('POST', `${follower}/internal/replica/append`, {
      headers: internal,
      rawBody: `{"orders":[${'{"x":1},'.repeat(700_000)}]`,
      answeredBeforeBody: true,
    });
    expectRefused(res, 413, 'request body too large');
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await replicaStatus(cluster, 1)).epoch).toBe(epoch);
  });

  it('has traded nothing and answered no 5xx through all of it', async () => {
    expect((await http('GET', `${cluster.urls.frontend}/stocks`)).body).toEqual(stocksBefore);
    expectRefused(await http('GET', `${cluster.urls.frontend}/orders/0`), 404, 'order not found');
    for (const name of ['catalog', 'order-1', 'order-2', 'order-3', 'frontend'] as const) {
      expect(
        cluster
          .process(name)
          .output()
          .filter((line) => line.includes('ERROR')),
      ).toEqual([]);
    }
  });
});
