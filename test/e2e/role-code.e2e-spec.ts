import { execFile } from 'node:child_process';
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

/** Loaded into every process of the cluster (NODE_OPTIONS): SIGUSR2 prints which of `packages` it has loaded. */
const REPORT_PACKAGES = `
  process.on('SIGUSR2', () => {
    const loaded = Object.keys(require.cache);
    const packages = ${JSON.stringify(VALIDATION_AND_DOCS)}.filter((name) => loaded.some((file) => file.includes('/node_modules/' + name + '/')));
    console.log('loaded packages: ' + JSON.stringify(packages));
  });`;

describe('a serving process loads validation and documentation packages only where it uses them', () => {
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

  async function reportedBy(name: ProcessName): Promise<string[]> {
    const member = cluster.process(name);
    process.kill(member.pid!, 'SIGUSR2');
    const line = await waitFor(async () => member.output().find((text) => text.startsWith('loaded packages: ')), {
      timeoutMs: 5_000,
      description: `${name}'s loaded packages`,
    });
    return JSON.parse(line.slice('loaded packages: '.length)) as string[];
  }

  it('the frontend: class-validator for its DTOs, Swagger for its documentation', async () => {
    expect(await reportedBy('frontend')).toEqual(VALIDATION_AND_DOCS);
  });

  it.each(['catalog', 'order-1'] as const)('the %s: none of them', async (name) => {
    expect(await reportedBy(name)).toEqual([]);
  });
});
