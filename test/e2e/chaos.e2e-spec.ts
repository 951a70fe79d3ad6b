import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ChaosReport } from '../../src/cli/chaos/chaos-report';

const CHAOS_SCRIPT = resolve(__dirname, '..', '..', 'dist', 'cli', 'chaos.js');

interface ChildResult {
  readonly code: number | null;
  readonly output: string;
}

/** Runs the chaos command as a child process (it starts and stops its own cluster). */
function runChaos(args: readonly string[], timeoutMs: number): Promise<ChildResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CHAOS_SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // SIGTERM lets the command stop its cluster before it exits.
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.once('error', fail);
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

describe('chaos run (SIGKILL and SIGSTOP of replicas, the leader, the catalog and the frontend while clients trade, restock on)', () => {
  let reportDir: string;

  beforeAll(async () => {
    reportDir = await mkdtemp(join(tmpdir(), 'stock-bazaar-chaos-report-'));
  });

  afterAll(async () => {
    await rm(reportDir, { recursive: true, force: true });
  });

  it('keeps every invariant: no acknowledged order lost, numbered twice or applied twice', async () => {
    const args = ['--seconds', '30', '--clients', '4', '--kill-every-ms', '1000', '--down-ms', '500'];
    const result = await runChaos(
      [
        ...args,
        '--kill-catalog',
        '--kill-frontend',
        '--pause',
        '--pause-ms',
        '1500',
        '--restock-ms',
        '300',
        '--restock-threshold',
        '60',
        '--seed',
        '7',
        '--settle-timeout',
        '20000',
        '--report-dir',
        reportDir,
      ],
      110_000,
    );
    if (result.code !== 0) console.log(result.output);
    const report = JSON.parse(await readFile(join(reportDir, 'chaos-report.json'), 'utf8')) as ChaosReport;
    const failed = report.invariants.filter((inv) => !inv.pass);

    expect({ failed, code: result.code }).toEqual({ failed: [], code: 0 });
    expect(report.invariants.map((inv) => inv.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(report.counts.leaderKills).toBeGreaterThanOrEqual(1);
    expect(report.counts.pauses).toBeGreaterThanOrEqual(2);
    expect(report.kills.map((kill) => kill.process)).toEqual(expect.arrayContaining(['catalog', 'frontend']));
    expect(report.kills.filter((kill) => kill.problem !== undefined)).toEqual([]);
    expect(report.counts.acknowledged).toBeGreaterThan(50);
    expect(report.counts.logEntries).toBe(report.counts.acknowledged);
    expect(report.settle.settled).toBe(true);
    // Restocks happened, and conservation (invariant 3) counted them.
    expect(report.counts.restocks).toBeGreaterThan(0);
    expect(report.invariants.find((inv) => inv.id === 3)?.summary).toContain(`${report.counts.restocks} restocks`);
  }, 120_000);
});
