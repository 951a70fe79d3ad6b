import { join } from 'node:path';
import { http } from '../e2e/support/http.client';
import { tradeContinuously } from '../e2e/support/trading-clients';
import { allVolumes, ComposeCluster, docker, IMAGE, ROOT, ServiceName } from './support/compose-cluster';

const STOCKS = ['GameStart', 'FishCo', 'BoarCo', 'MenhirCo'];
const MINUTE = 60_000;

interface LogEntry {
  number: number;
  name: string;
  type: string;
  quantity: number;
}
/** What a restarted replica held when its /health first answered 200 (see FIRST_HEALTHY_STATE). */
interface FirstHealthyState {
  refused: number;
  unready: number;
  status: { ready: boolean; lastNumber: number };
  entries: LogEntry[];
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const megabytes = (bytes: number) => Math.round(bytes / 1e6);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

async function waitUntil<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe().catch(() => undefined);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function imageSize(tag: string): Promise<number> {
  return Number((await docker(['image', 'inspect', '-f', '{{.Size}}', tag])).stdout.trim());
}

describe('docker/compose.yml on a real engine (five containers, docker kill)', () => {
  let cluster: ComposeCluster;
  /** Every acknowledged order by transaction number: what every later check compares against. */
  const acknowledged = new Map<number, LogEntry>();
  let killed: ServiceName = 'order-3';
  let volumesBefore: string[] = [];

  const frontend = (path: string) => `${cluster.frontendUrl}${path}`;
  const leader = async () =>
    ((await http('GET', frontend('/health'))).body as { data: { leader: number } }).data.leader;
  const trade = (name: string, type: 'buy' | 'sell') =>
    http('POST', frontend('/orders'), { body: { name, quantity: 1, type } });
  const logOf = (service: ServiceName) =>
    cluster.internal<LogEntry[]>(service, '/internal/replica/entries?after=-1&limit=5000');
  const expectedLog = () => range(0, acknowledged.size).map((n) => acknowledged.get(n));

  beforeAll(async () => {
    volumesBefore = await allVolumes();
    cluster = await ComposeCluster.create();
    console.log(`docker: project ${cluster.project} with ${cluster.tool}, frontend on ${cluster.frontendUrl}`);
  });

  afterAll(async () => {
    // Also when a test failed: nothing of this project may stay behind.
    await cluster?.down({ volumes: true });
  }, 3 * MINUTE);

  it(
    'builds one image that runs as node with production dependencies only and no toolchain',
    async () => {
      const started = Date.now();
      await docker(['build', '-f', join(ROOT, 'docker', 'Dockerfile'), '-t', IMAGE, ROOT], 15 * MINUTE);
      const builtMs = Date.now() - started;
      const size = await imageSize(IMAGE);
      const base = await imageSize('node:20-bookworm-slim');
      console.log(
        `docker: image ${IMAGE} built in ${seconds(builtMs)} s, ${megabytes(size)} MB (base ${megabytes(base)} MB)`,
      );

      expect((await docker(['image', 'inspect', '-f', '{{.Config.User}}', IMAGE])).stdout.trim()).toBe('node');
      const probe =
        'command -v gcc g++ make python3; ls -d node_modules dist/node_modules/jest dist/node_modules/typescript 2>/dev/null; true';
      expect((await docker(['run', '--rm', IMAGE, 'sh', '-c', probe])).stdout).toBe('');
      const addon = await docker(['run', '--rm', IMAGE, 'ls', '-A', 'dist/node_modules/sqlite3/build/Release']);
      expect(addon.stdout).toBe('node_sqlite3.node\n');
    },
    16 * MINUTE,
  );

  it(
    'passes the compose config check and brings up five healthy containers, only the frontend published',
    async () => {
      await cluster.run(['config', '--quiet']);
      const started = Date.now();
      await cluster.up();
      await cluster.waitHealthy();
      console.log(`docker: five containers healthy ${seconds(Date.now() - started)} s after up`);

      expect(await cluster.publishedPorts('frontend')).toEqual([`3000/tcp -> 127.0.0.1:${cluster.frontendPort}`]);
      for (const service of ['catalog', 'order-1', 'order-2', 'order-3'] as const) {
        expect(await cluster.publishedPorts(service)).toEqual([]);
      }
    },
    5 * MINUTE,
  );

  it('looks up, trades and queries the order through the published port', async () => {
    const stock = await http('GET', frontend('/stocks/GameStart'));
    expect([stock.status, stock.body]).toEqual([200, { data: { name: 'GameStart', price: 15.99, quantity: 100 } }]);

    const placed = await trade('GameStart', 'buy');
    expect([placed.status, placed.body]).toEqual([200, { data: { transaction_number: 0 } }]);
    acknowledged.set(0, { number: 0, name: 'GameStart', type: 'buy', quantity: 1 });

    const order = await http('GET', frontend('/orders/0'));
    expect([order.status, order.body]).toEqual([
      200,
      { data: { number: 0, name: 'GameStart', type: 'buy', quantity: 1 } },
    ]);
    expect((await http('GET', frontend('/stocks/GameStart'))).body).toEqual({
      data: { name: 'GameStart', price: 15.99, quantity: 99 },
    });
  });

  it(
    'fails over when the leader container is killed while 5 clients trade: no client error, numbers continue',
    async () => {
      const oldLeader = await leader();
      killed = `order-${oldLeader}` as ServiceName;
      const load = tradeContinuously(cluster.frontendUrl, 5, STOCKS);
      await waitUntil('25 trades before the kill', MINUTE, async () => (load.outcomes.length >= 25 ? true : undefined));
      const killedAt = Date.now();
      await cluster.kill(killed);
      const newLeader = await waitUntil('the frontend naming a new leader', MINUTE, async () => {
        const id = await leader();
        return id !== oldLeader ? id : undefined;
      });
      const namedAt = Date.now();
      await waitUntil('25 trades after the failover', MINUTE, async () =>
        load.outcomes.filter((o) => o.at > namedAt).length >= 25 ? true : undefined,
      );
      await load.stop();

      const failures = load.outcomes.filter((o) => o.status !== 200);
      const acks = load.outcomes.map((o) => o.at).sort((a, b) => a - b);
      const longestPause = Math.max(...acks.slice(1).map((at, i) => at - acks[i]));
      console.log(
        `docker: failover order-${oldLeader} -> order-${newLeader}: the frontend named the new leader ` +
          `${namedAt - killedAt} ms after docker kill; longest pause between acknowledged trades ${longestPause} ms; ` +
          `${load.outcomes.length} trades by 5 clients, ${failures.length} failed`,
      );

      expect(failures).toEqual([]);
      const numbers = load.outcomes.map((o) => o.transactionNumber ?? -1).sort((a, b) => a - b);
      expect(numbers).toEqual(range(1, 1 + load.outcomes.length));
      for (const o of load.outcomes) {
        const number = o.transactionNumber ?? -1;
        acknowledged.set(number, { number, name: o.name, type: o.type, quantity: o.quantity });
      }
      for (const entry of expectedLog()) {
        const res = await http('GET', frontend(`/orders/${entry?.number}`));
        expect([res.status, res.body]).toEqual([200, { data: entry }]);
      }
      expect(await cluster.health(killed)).toBe('exited');
    },
    3 * MINUTE,
  );

  it(
    'starts the killed container again: healthy only once caught up, with the same order rows as the others',
    async () => {
      const started = Date.now();
      await cluster.start(killed);
      const first = await cluster.firstHealthyState<FirstHealthyState>(killed);
      console.log(
        `docker: ${killed} restarted: /health 200 after ${seconds(Date.now() - started)} s ` +
          `(before it: ${first.refused} polls refused, ${first.unready} answered 503), ${first.entries.length} rows at that moment`,
      );
      const rows = (entries: LogEntry[]) =>
        entries.map(({ number, name, type, quantity }) => ({ number, name, type, quantity }));
      expect(first.status.ready).toBe(true);
      expect(first.status.lastNumber).toBe(acknowledged.size - 1);
      expect(rows(first.entries)).toEqual(expectedLog());
      const others = (['order-1', 'order-2', 'order-3'] as const).filter((s) => s !== killed);
      for (const other of others) expect(await logOf(other)).toEqual(first.entries);
      await cluster.waitHealthy([killed], MINUTE);

      const next = await trade('FishCo', 'sell');
      expect(next.body).toEqual({ data: { transaction_number: acknowledged.size } });
      acknowledged.set(acknowledged.size, { number: acknowledged.size, name: 'FishCo', type: 'sell', quantity: 1 });
      await waitUntil('three identical logs with the new order', 30_000, async () => {
        const logs = await Promise.all((['order-1', 'order-2', 'order-3'] as const).map(logOf));
        const same = logs.every((log) => JSON.stringify(log) === JSON.stringify(logs[0]));
        return same && logs[0].length === acknowledged.size ? true : undefined;
      });
    },
    3 * MINUTE,
  );

  it(
    'keeps stocks, orders and numbering across compose down and up (volumes kept)',
    async () => {
      const stocks = (await http('GET', frontend('/stocks'))).body;
      const last = acknowledged.size - 1;
      await cluster.down({ volumes: false });
      expect((await cluster.leftovers()).containers).toEqual([]);
      // Compose 1.29 creates every declared volume, the ha and metrics profiles' too; the default profile's
      // four data volumes must be among those kept.
      const dataVolumes = ['catalog-data', 'order-1-data', 'order-2-data', 'order-3-data'].map(
        (volume) => `${cluster.project}_${volume}`,
      );
      expect((await cluster.volumes()).filter((volume) => dataVolumes.includes(volume)).sort()).toEqual(dataVolumes);

      const started = Date.now();
      await cluster.up();
      await cluster.waitHealthy();
      console.log(`docker: up again after down, healthy in ${seconds(Date.now() - started)} s`);
      const after = await http('GET', frontend('/stocks'));
      expect([after.status, after.body]).toEqual([200, stocks]);
      for (const number of [0, last]) {
        expect((await http('GET', frontend(`/orders/${number}`))).body).toEqual({ data: acknowledged.get(number) });
      }
      expect((await trade('BoarCo', 'buy')).body).toEqual({ data: { transaction_number: last + 1 } });
    },
    5 * MINUTE,
  );

  it(
    'down -v leaves no container, network or volume behind',
    async () => {
      await cluster.down({ volumes: true });
      expect(await cluster.leftovers()).toEqual({ containers: [], networks: [], volumes: [] });
      // Anonymous volumes carry no project label: none may be new since the suite started.
      expect((await allVolumes()).filter((volume) => !volumesBefore.includes(volume))).toEqual([]);
    },
    3 * MINUTE,
  );
});
