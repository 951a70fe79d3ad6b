import { resolve } from 'node:path';
import { UsageError as BenchUsageError } from '../args/cli-args';
import { parseBenchOptions, SCENARIOS, SIZES } from './bench-options';

const CWD = '/repo';

describe(parseBenchOptions.name, () => {
  it('defaults to the full run of both adapters, writing docs/benchmarks and docs/BENCHMARKS.md', () => {
    const sut = parseBenchOptions([], CWD);
    expect(sut.mode).toBe('full');
    expect(sut.sizes).toBe(SIZES.full);
    expect(sut.adapters).toEqual(['express', 'fastify']);
    expect(sut.scenarios).toEqual([...SCENARIOS]);
    expect(sut.outDir).toBe(resolve(CWD, 'docs/benchmarks'));
    expect(sut.markdownFile).toBe(resolve(CWD, 'docs/BENCHMARKS.md'));
    expect(sut.cpuProfDir).toBeUndefined();
    expect(sut).toMatchObject({ pin: true, serverCpus: '0', loadCpus: '1', clusterEnv: {}, nodeFlags: [] });
  });

  it('keeps quick results out of docs/BENCHMARKS.md', () => {
    const sut = parseBenchOptions(['--quick', '--adapters', 'express'], CWD);
    expect(sut.sizes).toBe(SIZES.quick);
    expect(sut.adapters).toEqual(['express']);
    expect(sut.markdownFile).toBe(resolve(CWD, 'docs/benchmarks-quick/BENCHMARKS.md'));
  });

  it('writes everything into --out, and profiles into <out>/cpu-profiles with --cpu-prof', () => {
    const sut = parseBenchOptions(['--smoke', '--out', '/tmp/b', '--cpu-prof'], CWD);
    expect(sut.mode).toBe('smoke');
    expect(sut.markdownFile).toBe('/tmp/b/BENCHMARKS.md');
    expect(sut.cpuProfDir).toBe('/tmp/b/cpu-profiles');
  });

  it('takes a scenario subset and an explicit profile folder', () => {
    const sut = parseBenchOptions(['--scenarios', 'trades,failover', '--cpu-prof-dir', 'prof'], CWD);
    expect(sut.scenarios).toEqual(['trades', 'failover']);
    expect(sut.cpuProfDir).toBe(resolve(CWD, 'prof'));
  });

  it('passes app settings given with --env to the cluster', () => {
    const sut = parseBenchOptions(['--env', 'SPARE_APPEND_DELAY_MS=0, HEAP_GROWTH_PERCENT=300'], CWD);
    expect(sut.clusterEnv).toEqual({ SPARE_APPEND_DELAY_MS: '0', HEAP_GROWTH_PERCENT: '300' });
  });

  it('passes node flags given with --node-flags to the cluster', () => {
    const sut = parseBenchOptions(['--node-flags=--single-threaded-gc  --max-semi-space-size=4'], CWD);
    expect(sut.nodeFlags).toEqual(['--single-threaded-gc', '--max-semi-space-size=4']);
  });

  it('duels with another checkout that has dist/ built, at one client unless told', () => {
    const root = resolve(__dirname, '..', '..', '..');
    expect(parseBenchOptions(['--duel', root], CWD)).toMatchObject({ duel: root, duelClients: 1 });
    expect(parseBenchOptions(['--duel', root], CWD)).toMatchObject({
      duelWorkload: 'trades',
      duelChunkRequests: SIZES.full.duelChunkTrades,
    });
    expect(parseBenchOptions(['--duel', root, '--smoke'], CWD).duelChunkRequests).toBe(SIZES.smoke.duelChunkTrades);
    const batched = parseBenchOptions(['--duel', root, '--duel-clients', '50', '--duel-trades', '3000'], CWD);
    expect(batched).toMatchObject({ duelClients: 50, duelChunkRequests: 3000 });
    expect(parseBenchOptions(['--duel', root, '--duel-workload', 'lookups'], CWD)).toMatchObject({
      duelWorkload: 'lookups',
      duelClients: SIZES.full.readConnections,
      duelChunkRequests: SIZES.full.duelChunkLookups,
    });
    expect(() => parseBenchOptions(['--duel', root, '--duel-workload', 'orders'], CWD)).toThrow(
      "--duel-workload takes one of trades, lookups (got 'orders')",
    );
    expect(parseBenchOptions(['--duel', root], CWD).duelRuns).toBe(1);
    expect(parseBenchOptions(['--duel', root, '--duel-runs', '6'], CWD).duelRuns).toBe(6);
    expect(() => parseBenchOptions(['--duel', root, '--duel-runs', '0'], CWD)).toThrow(BenchUsageError);
    expect(parseBenchOptions([], CWD).duel).toBeUndefined();
    expect(() => parseBenchOptions(['--duel', '/nowhere'], CWD)).toThrow(
      '--duel needs a checkout with dist/ built: /nowhere/dist/main.js not found',
    );
  });

  it.each([
    [['--duel-clients', '0']],
    [['--duel-trades', '5']],
    [['--node-flags', 'single-threaded-gc']],
    [['--node-flags=-r ./preload.js']],
    [['--env', 'PORT=4000']],
    [['--env', 'NODE_OPTIONS=--inspect']],
    [['--env', 'SPARE_APPEND_DELAY_MS']],
    [['--adapters', 'koa']],
    [['--scenarios', '']],
    [['--quick', '--smoke']],
    [['--server-cpus', 'zero']],
    [['--bogus']],
  ])('refuses %j', (argv) => {
    expect(() => parseBenchOptions(argv, CWD)).toThrow(BenchUsageError);
  });
});
