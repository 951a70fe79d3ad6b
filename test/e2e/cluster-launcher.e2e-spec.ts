import { ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { withoutAppConfig } from '../../src/cli/process';
import { waitFor } from './support';

/** `npm run cluster` (dist/cli/cluster.js) prints at most 15 lines from its start to "press Ctrl-C to stop". */

const LAUNCHER = resolve(__dirname, '..', '..', 'dist', 'cli', 'cluster.js');
const OFFSETS = [0, 1, 101, 102, 103];

function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

/** A base port whose five cluster ports (base, +1, +101..+103) are all free now. */
async function freeBasePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const free = await Promise.all(OFFSETS.map((offset) => portFree(base + offset)));
    if (free.every(Boolean)) return base;
  }
  throw new Error('no free base port found');
}

describe('the cluster launcher', () => {
  let launcher: ChildProcess | undefined;
  let dataDir: string;

  afterEach(async () => {
    if (launcher && launcher.exitCode === null) {
      const exited = new Promise((done) => launcher?.once('close', done));
      launcher.kill('SIGINT');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints one line per healthy process and the URLs, at most 15 lines, then stops on SIGINT', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'stock-bazaar-launcher-'));
    const base = await freeBasePort();
    const child = spawn(process.execPath, [LAUNCHER, '--base-port', String(base), '--data-dir', dataDir], {
      env: { ...withoutAppConfig(process.env), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    launcher = child;
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
    createInterface({ input: child.stderr }).on('line', (line) => lines.push(line));
    const ready = await waitFor(
      async () => {
        const end = lines.findIndex((line) => line.endsWith('press Ctrl-C to stop'));
        return end >= 0 ? lines.slice(0, end + 1) : undefined;
      },
      {
        timeoutMs: 60_000,
        description: 'the launcher to say "press Ctrl-C to stop"',
        abortIf: () => (child.exitCode !== null ? `it exited: ${lines.join('\n')}` : undefined),
      },
    );

    expect(ready.length).toBeLessThanOrEqual(15);
    expect(ready.every((line) => line.startsWith('cluster  | '))).toBe(true);
    const text = ready.map((line) => line.slice('cluster  | '.length));
    const healthy = text.filter((line) => / healthy {2}http:\/\/127\.0\.0\.1:\d+ {2}\(\d+\.\d s\)$/.test(line));
    expect(healthy.map((line) => line.split(' ')[0]).sort()).toEqual([
      'catalog',
      'frontend',
      'order-1',
      'order-2',
      'order-3',
    ]);
    const frontend = `http://127.0.0.1:${base}`;
    expect(text).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^all 5 processes are healthy; replica [123] leads$/),
        `API          ${frontend}`,
        `Swagger UI   ${frontend}/docs`,
        `status page  ${frontend}/status`,
        expect.stringMatching(new RegExp(`^metrics {6}${frontend}/metrics \\(and /metrics on catalog :${base + 1}, `)),
      ]),
    );

    const exited = new Promise<number | null>((done) => child.once('close', (code) => done(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(lines[lines.length - 1]).toBe('cluster  | all processes stopped');
  });
});
