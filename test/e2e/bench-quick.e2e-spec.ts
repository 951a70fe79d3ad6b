import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  BASELINE_KINDS,
  BaselineKind,
  BenchResults,
  CpuCost,
  Throughput,
} from '../../src/cli/bench/bench-results.types';
import { freePort, ManagedProcess } from '../../src/cli/process';
import { ROLE_NODE_FLAGS } from '../../src/shared/runtime/role-node-flags';
import { http } from './support';
import { runNodeScript } from './support/node-script';

const BENCH = resolve(__dirname, '..', '..', 'dist', 'cli', 'bench.js');
const CLUSTER = ['frontend', 'catalog', 'order-1', 'order-2', 'order-3'];

function expectPositiveThroughput(figures: Throughput | undefined): void {
  expect(figures?.rps).toBeGreaterThan(0);
  expect(figures?.p50Ms).toBeGreaterThan(0);
  expect(figures?.p99Ms).toBeGreaterThan(0);
}

function expectClusterCpu(cpu: CpuCost | undefined): void {
  expect(cpu?.perRequestMs).toBeGreaterThan(0);
  expect(cpu?.count).toBeGreaterThan(0);
  expect(Object.keys(cpu?.byProcessMs ?? {}).sort()).toEqual([...CLUSTER].sort());
}

// Only checks that the benchmark runs and reports every section; CI asserts no timings.
describe('npm run bench (smoke size)', () => {
  let outDir: string;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'stock-bazaar-bench-e2e-'));
  });

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('measures every scenario against the baselines and writes results.json and BENCHMARKS.md', async () => {
    const sut = await runNodeScript(BENCH, ['--smoke', '--adapters', 'express', '--out', outDir], 280_000);
    expect(sut.stderr).toBe('');
    expect(sut.code).toBe(0);
    expect(sut.stdout).toMatch(/^targets$/m);

    const results = JSON.parse(await readFile(join(outDir, 'results.json'), 'utf8')) as BenchResults;
    expect(results.adapters.map((result) => result.adapter)).toEqual(['express']);
    const [express] = results.adapters;
    for (const kind of BASELINE_KINDS) expectPositiveThroughput(express.lookups?.baselines[kind]);
    for (const kind of BASELINE_KINDS) expect(express.memory.baselinesUnderLoad[kind]).toBeGreaterThan(0);
    expectPositiveThroughput(express.lookups?.cached);
    expectPositiveThroughput(express.lookups?.cachedOneClient);
    expect(express.lookups?.cachedOneClient.connections).toBe(1);
    expectPositiveThroughput(express.lookups?.uncached);
    expect(express.lookups?.cachedRatio.nest).toBeGreaterThan(0);
    // In turns with the NestJS + our pipe/filter baseline: two pairs of half-second chunks, each
    // pair with a frontend and a baseline process of its own.
    const lookupTurns = express.lookups!.cachedInTurns;
    expect(lookupTurns).toMatchObject({ pairs: 2, chunkSec: 0.5 });
    expect(lookupTurns.frontendRps).toHaveLength(2);
    expect(lookupTurns.baselineRps).toHaveLength(2);
    for (const rps of [...lookupTurns.frontendRps, ...lookupTurns.baselineRps]) expect(rps).toBeGreaterThan(0);
    const ratios = lookupTurns.frontendRps.map((rps, pair) => rps / lookupTurns.baselineRps[pair]);
    expect(lookupTurns.ratio).toBeCloseTo((ratios[0] + ratios[1]) / 2, 10);
    for (const pids of [lookupTurns.frontendPids!, lookupTurns.baselinePids!]) {
      expect(pids).toHaveLength(2);
      expect(pids[0]).toBeGreaterThan(0);
      expect(pids[1]).toBeGreaterThan(0);
      expect(pids[1]).not.toBe(pids[0]);
    }
    expect(express.trades?.map((run) => run.connections)).toEqual([1, 10, 50]);
    for (const run of express.trades ?? []) {
      expectPositiveThroughput(run);
      expect(run).toMatchObject({ verified: true, followersCaughtUp: true, logGrowth: run.ok });
      expectClusterCpu(run.cpu);
      for (const name of CLUSTER) expect(run.peakRssMb[name]).toBeGreaterThan(0);
    }
    expect(results.clockTicksPerSec).toBeGreaterThan(0);

    const sideBySide = express.sideBySide;
    expect(sideBySide).toMatchObject({ clients: 5, p: 0.5, verified: true, exitCode: 0, warmup: { iterations: 20 } });
    expect(sideBySide?.warmup.tradesPlaced).toBeGreaterThan(0);
    expect(sideBySide?.tradesPlaced).toBeGreaterThan(0);
    expect(sideBySide?.trade.p50Ms).toBeGreaterThan(0);
    expect(sideBySide?.lookup.p50Ms).toBeGreaterThan(0);
    expect(sideBySide?.rps).toBeGreaterThan(0);
    expectClusterCpu(sideBySide?.cpu);

    const size = express.size;
    expect(size).toMatchObject({ targetOrders: 2000, filled: true });
    expect(size?.ordersInLog).toBeGreaterThanOrEqual(2000);
    expect(size?.run).toMatchObject({ verified: true, connections: 50 });
    expectPositiveThroughput(size?.run);
    expectClusterCpu(size?.run.cpu);
    // In turns with a fresh cluster: one chunk of 200 trades each, every one checked against its log.
    const turns = size!.alternation;
    expect(turns).toMatchObject({ pairs: 1, chunkTrades: 200, filled: { trades: 200 }, fresh: { trades: 200 } });
    expect(turns.filled.ordersBefore).toBeGreaterThan(size!.ordersInLog);
    expect(turns.fresh.ordersBefore).toBeLessThan(2000);
    expect(turns.pairRatios).toHaveLength(1);
    expect(size!.ratioToFresh).toBeCloseTo(turns.filled.tradesPerSec / turns.fresh.tradesPerSec, 10);
    for (const side of [turns.filled, turns.fresh]) {
      expect(side.tradesPerSec).toBeGreaterThan(0);
      expect(side.cpuMsPerTrade).toBeGreaterThan(0);
    }
    expectPositiveThroughput(express.orderQueries);
    expect(express.failover?.rounds).toHaveLength(1);
    expect(express.failover?.medianRecoveryMs).toBeGreaterThan(0);
    expect(express.catchUp).toMatchObject({ caughtUp: true });
    expect(express.catchUp?.catchUpMs).toBeGreaterThan(0);
    expect(express.catchUp?.missedOrders).toBeGreaterThan(0);
    for (const name of ['frontend', 'catalog', 'order-1', 'order-2', 'order-3']) {
      expect(express.memory.idle[name]).toBeGreaterThan(0);
      expect(express.memory.underLoad[name]).toBeGreaterThan(0);
    }
    expect(new Set(results.targets.map((check) => check.goal))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, undefined]));
    expect(results.machine.cores).toBeGreaterThan(0);

    const markdown = await readFile(join(outDir, 'BENCHMARKS.md'), 'utf8');
    expect(markdown).toMatch(/^## Targets$/m);
    for (const title of ['against the baselines of this run', 'CPU ms per request, by process', 'side by side', 'flat'])
      expect(markdown).toMatch(new RegExp(`^### ${title}`, 'm'));
    expect(markdown).toMatch(/--cpu-prof/);
    expect(results.roleNodeFlags).toEqual(ROLE_NODE_FLAGS);
    expect(markdown).toContain(
      `- cluster settings: the defaults; every role and the libraries baseline started with ${ROLE_NODE_FLAGS.join(' ')}, the other baselines without\n`,
    );
  }, 300_000);
});

describe('the baseline servers', () => {
  const BASELINE = resolve(__dirname, '..', '..', 'dist', 'cli', 'bench', 'baseline-server.js');

  async function withBaseline(kind: BaselineKind, use: (url: string) => Promise<void>): Promise<void> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = { ...process.env, NO_COLOR: '1' } as Record<string, string>;
    const server = new ManagedProcess({
      name: kind,
      script: BASELINE,
      args: ['--kind', kind, '--port', String(port)],
      env,
      url,
    });
    server.start();
    try {
      await server.waitHealthy(30_000);
      await use(url);
    } finally {
      await server.stop();
    }
  }

  it("answer a cached lookup's bytes; only the libraries baseline has the roles' libraries (its Swagger document)", async () => {
    for (const kind of ['nest-pipes', 'nest-libraries'] as const) {
      await withBaseline(kind, async (url) => {
        const lookup = await http('GET', `${url}/stocks/GameStart`);
        expect([lookup.status, lookup.body]).toEqual([
          200,
          { data: { name: 'GameStart', price: 15.99, quantity: 100 } },
        ]);
        const document = await http('GET', `${url}/docs-json`);
        expect(document.status).toBe(kind === 'nest-libraries' ? 200 : 404);
      });
    }
  }, 60_000);
});
