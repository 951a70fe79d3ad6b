import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from './free-port';

const run = promisify(execFile);
const SERVER_USER = 'postgres';

/** A PostgreSQL server of its own in a folder, for tests and local runs. */
export interface LocalPostgres {
  /** The `postgres` database as the `postgres` user over TCP on 127.0.0.1, e.g. for `CATALOG_DATABASE_URL`. */
  readonly url: string;
  readonly port: number;
  /** The URL of another database of this server. */
  urlOf(database: string): string;
  /** Creates a database (from `template` when given) and answers its URL. */
  createDatabase(name: string, template?: string): Promise<string>;
  /** Shuts the server down; a temporary folder is removed with it. */
  stop(): Promise<void>;
}

export interface LocalPostgresOptions {
  /** Keep the server's files here, and use what an earlier run left (default: a temporary folder, removed by `stop`). */
  readonly folder?: string;
  /** Name prefix of the temporary folder. */
  readonly tempPrefix?: string;
}

/** The folder holding initdb, pg_ctl and postgres: on the PATH, or Debian's /usr/lib/postgresql/<version>/bin. */
export function postgresBinaries(): string | undefined {
  const onPath = (process.env.PATH ?? '').split(':').filter(Boolean);
  const debian = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => join('/usr/lib/postgresql', version, 'bin'))
    : [];
  const has = (dir: string) => ['initdb', 'pg_ctl', 'postgres'].every((tool) => existsSync(join(dir, tool)));
  return [...onPath, ...debian].find(has);
}

/** PostgreSQL refuses to run as root: as root, its tools run as the `postgres` user. */
function asServerUser(command: string, args: readonly string[]): [string, string[]] {
  return userInfo().uid === 0 ? ['runuser', ['-u', SERVER_USER, '--', command, ...args]] : [command, [...args]];
}

async function tool(bin: string, name: string, args: readonly string[]): Promise<void> {
  const [command, argv] = asServerUser(join(bin, name), args);
  try {
    await run(command, argv, { timeout: 60_000 });
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`${name} failed: ${(stderr ?? '').trim() || message}`);
  }
}

/** The server's pid from its postmaster.pid, if it runs. */
function serverPid(dataDir: string): number | undefined {
  const file = join(dataDir, 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) || undefined : undefined;
}

async function query(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * `initdb` in a folder (unless an earlier run left a cluster there), then `postgres` on a free port
 * of 127.0.0.1 with its socket in that folder, through pg_ctl, which waits until it accepts
 * connections. Trust authentication and no fsync: a server for tests and a local cluster, not for
 * data anyone keeps. Should this process exit without `stop()`, the server is shut down on exit.
 */
export async function startLocalPostgres(options: LocalPostgresOptions = {}): Promise<LocalPostgres> {
  const bin = postgresBinaries();
  if (!bin)
    throw new Error('PostgreSQL server binaries (initdb, pg_ctl, postgres) not found: apt-get install postgresql');
  const temporary = options.folder === undefined;
  const root = options.folder ?? (await mkdtemp(join(tmpdir(), options.tempPrefix ?? 'stock-bazaar-pg-')));
  const dataDir = join(root, 'data');
  const port = await freePort();
  const urlOf = (database: string) => `postgres://${SERVER_USER}@127.0.0.1:${port}/${database}`;
  const killOnExit = () => {
    const pid = serverPid(dataDir);
    if (pid) process.kill(pid, 'SIGQUIT');
  };
  try {
    mkdirSync(root, { recursive: true });
    if (userInfo().uid === 0) {
      const { uid, gid } = userOf(SERVER_USER);
      chownSync(root, uid, gid);
    }
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      const init = ['-D', dataDir, '-U', SERVER_USER, '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions'];
      await tool(bin, 'initdb', init);
    }
    const settings = `-p ${port} -k ${root} -h 127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`;
    await tool(bin, 'pg_ctl', [
      'start',
      '-D',
      dataDir,
      '-w',
      '-t',
      '60',
      '-l',
      join(root, 'server.log'),
      '-o',
      settings,
    ]);
    process.on('exit', killOnExit);
  } catch (error) {
    if (temporary) await rm(root, { recursive: true, force: true });
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    url: urlOf(SERVER_USER),
    port,
    urlOf,
    createDatabase: async (name, template) => {
      await query(urlOf(SERVER_USER), `CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
      return urlOf(name);
    },
    stop: () => {
      stopped ??= (async () => {
        process.off('exit', killOnExit);
        const mode = temporary ? 'immediate' : 'fast';
        await tool(bin, 'pg_ctl', ['stop', '-D', dataDir, '-m', mode, '-w']).catch(() => killOnExit());
        if (temporary) await rm(root, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

function userOf(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${name}:`));
  if (!line) throw new Error(`no user ${name}: install Debian's postgresql package, which creates it`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}
