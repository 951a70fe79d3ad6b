import { ChildProcess, spawn } from 'node:child_process';
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ephemeralRangeStart, withoutAppConfig } from '../../src/cli/process';
import { http, waitFor } from './support';

/**
 * `npm run cluster`, as a person types it: at most 15 lines from its start to "press Ctrl-C to
 * stop", npm's own four included; a process killed afterwards is started again.
 */

const ROOT = resolve(__dirname, '..', '..');
const OFFSETS = [0, 1, 101, 102, 103];

function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

/**
 * A base port whose five cluster ports (base, +1, +101..+103) are all free now, all below the
 * kernel's ephemeral range, as freePorts chooses them: a replica that starts first and connects to
 * its peers could otherwise take the catalog's port before the catalog listens on it.
 */
async function freeBasePort(): Promise<number> {
  const lowest = 20_000;
  const highest = (await ephemeralRangeStart()) - 1 - Math.max(...OFFSETS);
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const base = lowest + Math.floor(Math.random() * (highest - lowest + 1));
    const free = await Promise.all(OFFSETS.map((offset) => portFree(base + offset)));
    if (free.every(Boolean)) return base;
  }
  throw new Error('no free base port found');
}

/** The pid of the process whose environment holds `entry` (e.g. `PORT=3101`). */
async function pidWithEnv(entry: string): Promise<number> {
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const environ = await readFile(`/proc/${name}/environ`, 'utf8').catch(() => '');
    if (environ.split('\0').includes(entry)) return Number(name);
  }
  throw new Error(`no process with ${entry} in its environment`);
}

describe('the cluster launcher', () => {
  let launcher: ChildProcess | undefined;
  let dataDir: string | undefined;

  afterEach(async () => {
    if (launcher?.pid && launcher.exitCode === null && launcher.signalCode === null) {
      const exited = new Promise((done) => launcher?.once('close', done));
      // SIGINT, so that the launcher stops the processes it started.
      process.kill(-launcher.pid, 'SIGINT');
      await exited;
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** Starts `npm run cluster` as a person does, and answers its lines up to "press Ctrl-C to stop". */
  async function launch(): Promise<{ child: ChildProcess; lines: string[]; ready: string[]; base: number }> {
    const dir = await mkdtemp(join(tmpdir(), 'stock-bazaar-launcher-'));
    dataDir = dir;
    const base = await freeBasePort();
    // Its own process group, so that SIGINT reaches npm and the launcher together, as Ctrl-C does.
    const child = spawn('npm', ['run', 'cluster', '--', '--base-port', String(base), '--data-dir', dir], {
      cwd: ROOT,
      env: { ...withoutAppConfig(process.env), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
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
    return { child, lines, ready, base };
  }

  it('prints one line per healthy process and the URLs, at most 15 lines, then stops on SIGINT', async () => {
    const { child, lines, ready, base } = await launch();
    expect(ready.length).toBeLessThanOrEqual(15);
    const ours = ready.filter((line) => line.startsWith('cluster  | '));
    // npm's: an empty line, the package and script, the command, an empty line.
    expect(ready.slice(0, ready.length - ours.length)).toEqual([
      '',
      expect.stringMatching(/^> stock-bazaar@[\d.]+ cluster$/),
      expect.stringMatching(/^> node dist\/cli\/cluster\.js --base-port/),
      '',
    ]);
    const text = ours.map((line) => line.slice('cluster  | '.length));
    const healthy = text.filter((line) => / healthy {2}http:\/\/127\.0\.0\.1:\d+ {2}\(\d+\.\d s\)$/.test(line));
    expect(healthy.map((line) => line.split(' ')[0]).sort()).toEqual([
      'catalog',
      'frontend',
      'order-1',
      'order-2',
      'order-3',
    ]);
    const frontend = `http://127.0.0.1:${base}`;
    expect(text.slice(6)).toEqual([
      `API          ${frontend}   Swagger UI ${frontend}/docs`,
      `status page  ${frontend}/status`,
      expect.stringMatching(new RegExp(`^metrics {6}${frontend}/metrics \\(and /metrics on catalog :${base + 1}, `)),
      expect.stringMatching(/^replica [123] leads; logs follow \(LOG_LEVEL=log\); press Ctrl-C to stop$/),
    ]);

    // npm passes Ctrl-C on and then ends by the same signal; the launcher stops every process first.
    const exited = new Promise<string>((done) => child.once('close', (code, signal) => done(signal ?? `${code}`)));
    process.kill(-(child.pid ?? 0), 'SIGINT');
    expect(['0', 'SIGINT']).toContain(await exited);
    // The launcher's own last lines: a role may still log while the others stop (a leader whose
    // follower stopped first warns that it is unreachable), as it would on any shutdown.
    expect(lines.filter((line) => line.startsWith('cluster  | ')).slice(-3)).toEqual([
      'cluster  | received SIGINT',
      'cluster  | stopping every process …',
      'cluster  | all processes stopped',
    ]);
  });

  it('starts a SIGKILLed replica again while the others keep trading, and gives the launcher back on SIGINT', async () => {
    const { child, lines, base } = await launch();
    const frontend = `http://127.0.0.1:${base}`;
    const trade = (): Promise<number> =>
      http('POST', `${frontend}/orders`, { body: { name: 'GameStart', type: 'sell', quantity: 1 } }).then(
        (res) => res.status,
      );
    expect(await trade()).toBe(200);
    const pid = await pidWithEnv(`PORT=${base + 101}`);
    const from = lines.length;
    process.kill(pid, 'SIGKILL');

    await waitFor(
      async () => lines.slice(from).some((line) => line === 'cluster  | order-1    healthy again') || undefined,
      {
        timeoutMs: 30_000,
        description: 'the launcher to start order-1 again',
        abortIf: () => (child.exitCode !== null ? `it exited: ${lines.slice(from).join('\n')}` : undefined),
      },
    );
    const launcherLines = lines.slice(from).filter((line) => line.startsWith('cluster  | '));
    expect(launcherLines).toEqual([
      'cluster  | order-1 exited unexpectedly (killed by SIGKILL); the others keep running, starting it again in 1 s',
      'cluster  | order-1    healthy again',
    ]);
    expect(await pidWithEnv(`PORT=${base + 101}`)).not.toBe(pid);
    expect(await trade()).toBe(200);

    const exited = new Promise<string>((done) => child.once('close', (code, signal) => done(signal ?? `${code}`)));
    process.kill(-(child.pid ?? 0), 'SIGINT');
    expect(['0', 'SIGINT']).toContain(await exited);
    expect(lines.slice(-1)).toEqual(['cluster  | all processes stopped']);
  });
});
