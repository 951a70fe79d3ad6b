import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KindSummary } from '../load/run-summary';
import { EvaluationResults, LatencyRun } from './eval-results.types';
import { writeOutputs } from './run-evaluation';

function latency(kind: KindSummary['kind'], mean: number, count = 10): KindSummary {
  return { kind, count, mean, p50: mean, p95: mean * 2, p99: mean * 3, max: mean * 4, errors: 0, retries: 0 };
}

const verification = { checked: 3, matched: 3, mismatches: [], unreachable: 0, duplicateNumbers: [], passed: true };

function run(cache: 'on' | 'off', p: number): LatencyRun {
  const lookup = cache === 'on' ? 2 : 5;
  const trades = p === 0 ? 0 : 10;
  return {
    cache,
    p,
    durationMs: 1000,
    latency: [latency('lookup', lookup), latency('trade', 30, trades), latency('orderQuery', 4, trades)],
    placed: trades,
    refused: 0,
    verification,
    hitRatio: cache === 'on' ? 0.8 - p / 2 : undefined,
  };
}

const snapshot = (at: number, keys: string[], hits: number) => ({
  at,
  keys,
  hits,
  misses: 3,
  evictions: 1,
  invalidations: 0,
  enabled: true,
  capacity: 3,
});

const results: EvaluationResults = {
  mode: 'quick',
  seed: 1,
  machine: {
    cores: 2,
    cpuModel: 'Test CPU',
    nodeVersion: 'v20',
    platform: 'linux',
    date: '2026-01-01',
    loadAverageStart: 1,
  },
  clients: 5,
  iterations: 10,
  cacheSizeForLatency: 20,
  latencyRuns: [0, 0.4, 0.8].flatMap((p) => [run('on', p), run('off', p)]),
  cacheTimeline: {
    capacity: 3,
    stockCount: 12,
    p: 0.2,
    snapshots: [snapshot(0, ['FishCo'], 0), snapshot(100, ['BoarCo', 'FishCo'], 1), snapshot(200, ['BoarCo'], 2)],
  },
  crash: {
    p: 0.5,
    clients: 5,
    durationMs: 5000,
    events: [
      { at: 1000, kind: 'kill', replica: 3, wasLeader: true },
      { at: 2000, kind: 'restart', replica: 3, wasLeader: true, tookMs: 800 },
    ],
    latency: [latency('lookup', 3), latency('trade', 40), latency('orderQuery', 5)],
    bins: [
      { kind: 'trade', t: 0, count: 4, meanMs: 30, maxMs: 50, errors: 0, retries: 0 },
      { kind: 'trade', t: 1, count: 2, meanMs: 300, maxMs: 900, errors: 0, retries: 0 },
    ],
    binSeconds: 0.5,
    placed: 6,
    refused: 0,
    verification,
    convergence: { identical: true, lengths: { 1: 6, 2: 6, 3: 6 }, waitedMs: 10 },
    conservation: { holds: true, problems: [] },
  },
  totalMs: 9000,
};

describe(writeOutputs.name, () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eval-outputs-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('renders every plot with vega to SVG and writes the report that embeds them', async () => {
    const sut = await writeOutputs(results, dir);
    const plots = (await readdir(join(dir, 'evaluation'))).filter((file) => file.endsWith('.svg'));
    expect(plots).toHaveLength(6);
    for (const plot of plots) {
      const svg = await readFile(join(dir, 'evaluation', plot), 'utf8');
      expect(svg).toMatch(/^<svg [^>]*class="marks"/);
      expect(svg).not.toContain('NaN');
    }
    const report = await readFile(sut.report, 'utf8');
    for (const plot of plots) expect(report).toContain(`](evaluation/${plot})`);
    expect(report).toContain('2 cores, Test CPU');
    expect(report).toContain('the failures showed up as latency');
    expect(JSON.parse(await readFile(join(dir, 'evaluation', 'results.json'), 'utf8'))).toEqual(results);
  }, 30_000);
});
