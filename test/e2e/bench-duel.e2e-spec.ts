import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { DuelResults } from '../../src/cli/bench/duel';
import { runNodeScript } from './support/node-script';

const ROOT = resolve(__dirname, '..', '..');
const BENCH = join(ROOT, 'dist', 'cli', 'bench.js');

// This checkout against itself: checks that a duel runs, verifies every chunk and freezes the cluster
// it is not measuring; CI asserts no timings.
describe('npm run bench -- --duel (smoke size)', () => {
  let outDir: string;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'stock-bazaar-duel-e2e-'));
  });

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('alternates chunks of trades between two clusters, the other one frozen, and prints the table', async () => {
    const args = ['--smoke', '--adapters', 'express', '--duel', ROOT, '--duel-clients', '2', '--out', outDir];
    const sut = await runNodeScript(BENCH, args, 200_000);
    expect(sut.stderr).toBe('');
    expect(sut.code).toBe(0);
    expect(sut.stdout).toMatch(/^express: CPU ms per trade, 2 clients, 2 alternating chunks of each build:$/m);
    expect(sut.stdout).toMatch(/^\| build \| frontend \| catalog \| leader \| followers \| all five \|$/m);

    const duels = JSON.parse(await readFile(join(outDir, 'duel.json'), 'utf8')) as DuelResults[];
    expect(
      duels.map(({ adapter, workload, clients, chunkRequests }) => ({ adapter, workload, clients, chunkRequests })),
    ).toEqual([{ adapter: 'express', workload: 'trades', clients: 2, chunkRequests: 50 }]);
    const [duel] = duels;
    expect(duel.sides).toHaveLength(2);
    for (const side of duel.sides) {
      expect(side.chunks.map((chunk) => [chunk.requests, chunk.otherTicks])).toEqual([
        [50, 0],
        [50, 0],
      ]);
      for (const chunk of side.chunks) expect(chunk.cpuMs.leader + chunk.cpuMs.frontend).toBeGreaterThan(0);
    }
    expect(duel.summary.pairs).toBe(2);
    expect(duel.summary.sides.map((side) => side.requests)).toEqual([100, 100]);
  }, 220_000);

  it('duels on cached lookups with --duel-workload lookups, twice with fresh clusters, every lookup answered', async () => {
    // This checkout under another path, so that the two sides' labels differ and their order shows.
    const other = join(outDir, 'other-checkout');
    await symlink(ROOT, other);
    const args = [
      '--smoke',
      '--adapters',
      'express',
      '--duel',
      other,
      '--duel-workload',
      'lookups',
      '--duel-runs',
      '2',
    ];
    const sut = await runNodeScript(BENCH, [...args, '--out', outDir], 200_000);
    expect(sut.stderr).toBe('');
    expect(sut.code).toBe(0);
    for (const [run, first] of [
      [1, 'other'],
      [2, 'this'],
    ]) {
      expect(sut.stdout).toContain(
        `\nexpress (duel ${run}, ${first} build started first): CPU µs per cached lookup, 20 connections, 2 alternating chunks of each build:\n`,
      );
    }
    expect(sut.stdout).toMatch(
      /^express: 2 duels with fresh clusters, the start order alternating: .+ cost [\d.]+×, [\d.]+× the other's CPU per request; median [\d.]+×, lower in [012] of 2$/m,
    );

    const duels = JSON.parse(await readFile(join(outDir, 'duel.json'), 'utf8')) as DuelResults[];
    expect(duels.map((duel) => [duel.run, duel.startedFirst, duel.workload, duel.clients, duel.chunkRequests])).toEqual(
      [
        [1, 'other', 'lookups', 20, 500],
        [2, 'this', 'lookups', 20, 500],
      ],
    );
    for (const duel of duels) {
      // The other build's side first in either start order.
      const labels = duel.sides.map((side) => side.label.replace(/^.* \(/, '('));
      expect(labels).toEqual([`(${relative(ROOT, other)})`, '(.)']);
      for (const side of duel.sides) {
        expect(side.chunks.map((chunk) => [chunk.requests, chunk.otherTicks])).toEqual([
          [500, 0],
          [500, 0],
        ]);
        for (const chunk of side.chunks) expect(chunk.cpuMs.frontend).toBeGreaterThan(0);
      }
    }
  }, 220_000);
});
