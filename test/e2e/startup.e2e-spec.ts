import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { withoutAppConfig } from '../../src/cli/process';

/** A process given a bad configuration stops at once, non-zero, with one line naming the variable. */

const ROOT = resolve(__dirname, '..', '..');
const MAIN_SCRIPT = join(ROOT, 'dist', 'main.js');
const EXIT_TIMEOUT_MS = 20_000;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

describe('startup with an invalid configuration', () => {
  let dataDir: string;

  beforeAll(async () => {
    if (!existsSync(MAIN_SCRIPT)) throw new Error(`${MAIN_SCRIPT} not found: run \`npm run build\` first`);
    dataDir = await mkdtemp(join(tmpdir(), 'stock-bazaar-startup-'));
  });

  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** Runs dist/main.js with only `env` as app configuration; kills it if it does not exit in time. */
  function run(env: Record<string, string>): Promise<Exit> {
    const child = spawn(process.execPath, [MAIN_SCRIPT], {
      cwd: ROOT,
      env: { ...withoutAppConfig(process.env), DATA_DIR: dataDir, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`dist/main.js with ${JSON.stringify(env)} did not exit within ${EXIT_TIMEOUT_MS} ms`));
      }, EXIT_TIMEOUT_MS);
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolvePromise({ code, signal, stderr: Buffer.concat(chunks).toString('utf8') });
      });
    });
  }

  function expectRefused(exit: Exit, variable: string): string {
    expect(exit.signal).toBeNull();
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    const lines = exit.stderr.split('\n').filter((line) => line.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`\\b${variable}\\b`));
    return lines[0];
  }

  it.each([
    ['an unknown ROLE', { ROLE: 'bogus' }],
    ['no ROLE', {}],
    ['an empty ROLE', { ROLE: '' }],
  ])('refuses %s, naming ROLE and its allowed values', async (_case, env: Record<string, string>) => {
    const line = expectRefused(await run(env), 'ROLE');
    for (const role of ['frontend', 'catalog', 'order']) expect(line).toContain(role);
  });

  it('refuses an order replica without REPLICA_ID', async () => {
    expectRefused(await run({ ROLE: 'order' }), 'REPLICA_ID');
  });

  it('refuses an order replica whose REPLICA_ID is not in ORDER_REPLICAS', async () => {
    expectRefused(await run({ ROLE: 'order', REPLICA_ID: '7' }), 'REPLICA_ID');
  });

  it('refuses a non-numeric CACHE_SIZE', async () => {
    expectRefused(await run({ ROLE: 'frontend', CACHE_SIZE: 'abc' }), 'CACHE_SIZE');
  });

  it('refuses a PORT out of range', async () => {
    expectRefused(await run({ ROLE: 'catalog', PORT: '99999' }), 'PORT');
  });

  it('refuses a malformed ORDER_REPLICAS', async () => {
    expectRefused(await run({ ROLE: 'frontend', ORDER_REPLICAS: '1=http://127.0.0.1:3101,two' }), 'ORDER_REPLICAS');
  });
});
