import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

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
