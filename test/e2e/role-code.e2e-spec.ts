import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ProcessName, startCluster, TestCluster, waitFor } from './support';

const DIST = join(resolve(__dirname, '..', '..'), 'dist');
const PACKAGES = ['typeorm', 'sqlite3', '@nestjs/platform-express', '@nestjs/platform-fastify'];

/**
 * What a process has loaded once main.ts's steps before building the application are done:
 * `createHttpApp`'s module and the role's own code. Answers the roles (by `dist/<role>/`) and the
 * packages of PACKAGES found among the loaded modules.
 */
async function loadedFor(role: string): Promise<{ roles: string[]; packages: string[] }> {
  const script = `
    require('reflect-metadata');
    require(${JSON.stringify(join(DIST, 'shared', 'http', 'create-http-app'))});
    require(${JSON.stringify(join(DIST, 'role'))}).ROLE_BOOTS[${JSON.stringify(role)}].load().then(() => {
      const loaded = Object.keys(require.cache);
      const has = (part) => loaded.some((file) => file.includes(part));
      console.log(JSON.stringify({
        roles: ['frontend', 'catalog', 'order'].filter((name) => has('/dist/' + name + '/')),
        packages: ${JSON.stringify(PACKAGES)}.filter((name) => has('/node_modules/' + name + '/')),
      }));
    });`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script]);
  return JSON.parse(stdout) as { roles: string[]; packages: string[] };
}

describe("a process loads only its own role's code, and no HTTP adapter before it builds the app", () => {
  it('the frontend: no other role, no TypeORM or sqlite3', async () => {
    expect(await loadedFor('frontend')).toEqual({ roles: ['frontend'], packages: [] });
  });

  it.each(['catalog', 'order'])('the %s: no other role', async (role) => {
    expect(await loadedFor(role)).toEqual({ roles: [role], packages: ['typeorm', 'sqlite3'] });
  });
});

const VALIDATION_AND_DOCS = ['class-validator', 'class-transformer', '@nestjs/swagger'];
const STRIPPED = join(DIST, 'node_modules') + '/';
const REPORT = 'loaded packages: ';

/**
 * Loaded into every process of the cluster (NODE_OPTIONS): SIGWINCH, which Nest's shutdown hooks
 * leave alone, prints which of VALIDATION_AND_DOCS it has loaded, how many files it loaded from the
 * build's stripped dependencies, and the packages it loaded from anywhere else.
 */
const REPORT_PACKAGES = `
  process.on('SIGWINCH', () => {
    const loaded = Object.keys(require.cache).filter((file) => file.includes('/node_modules/'));
    const packages = ${JSON.stringify(VALIDATION_AND_DOCS)}.filter((name) => loaded.some((file) => file.includes('/node_modules/' + name + '/')));
    const stripped = loaded.filter((file) => file.startsWith(${JSON.stringify(STRIPPED)})).length;
    const packageOf = (file) => {
      const [scope, name] = file.slice(file.lastIndexOf('/node_modules/') + 14).split('/');
      return scope.startsWith('@') ? scope + '/' + name : scope;
    };
    const elsewhere = [...new Set(loaded.filter((file) => !file.startsWith(${JSON.stringify(STRIPPED)})).map(packageOf))];
    console.log(${JSON.stringify(REPORT)} + JSON.stringify({ packages, stripped, elsewhere }));
  });`;

interface Loaded {
  packages: string[];
  stripped: number;
  elsewhere: string[];
}

/** Packages package-lock.json installs for development only (not in a production install). */
function devOnlyPackages(): Set<string> {
  const lock = JSON.parse(readFileSync(join(DIST, '..', 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  return new Set(
    Object.entries(lock.packages)
      .filter(([path, entry]) => entry.dev && path.startsWith('node_modules/'))
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 13)),
  );
}

describe('a serving process', () => {
  let cluster: TestCluster;
  let reporter: string;

  beforeAll(async () => {
    reporter = join(await mkdtemp(join(tmpdir(), 'report-packages-')), 'report-packages.js');
    await writeFile(reporter, REPORT_PACKAGES);
    cluster = await startCluster({ replicaIds: [1], commonEnv: { NODE_OPTIONS: `--require ${reporter}` } });
  });

  afterAll(async () => {
    await cluster?.stopAll();
    await rm(dirname(reporter), { recursive: true, force: true });
  });

  async function reportedBy(name: ProcessName): Promise<Loaded> {
    const member = cluster.process(name);
    const reports = (): string[] => member.output().filter((text) => text.startsWith(REPORT));
    const before = reports().length;
    process.kill(member.pid!, 'SIGWINCH');
    const line = await waitFor(async () => reports()[before], {
      timeoutMs: 5_000,
      description: `${name}'s loaded packages`,
    });
    return JSON.parse(line.slice(REPORT.length)) as Loaded;
  }

  describe('loads validation and documentation packages only where it uses them', () => {
    it('the frontend: class-validator for its DTOs, Swagger for its documentation', async () => {
      expect((await reportedBy('frontend')).packages).toEqual(VALIDATION_AND_DOCS);
    });

    it.each(['catalog', 'order-1'] as const)('the %s: none of them', async (name) => {
      expect((await reportedBy(name)).packages).toEqual([]);
    });
  });

  it.each(['frontend', 'catalog', 'order-1'] as const)(
    "the %s runs the build's stripped dependencies (dist/node_modules), a development-only package at most from elsewhere",
    async (name) => {
      const { stripped, elsewhere } = await reportedBy(name);
      expect(stripped).toBeGreaterThan(500);
      const devOnly = devOnlyPackages();
      expect(elsewhere.filter((name) => !devOnly.has(name))).toEqual([]);
    },
  );
});
