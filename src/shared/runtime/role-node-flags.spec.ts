import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLE_NODE_FLAGS } from './role-node-flags';

const REPO_ROOT = join(__dirname, '..', '..', '..');

/** The two ways to start a role that do not go through the cluster launcher. */
describe('ROLE_NODE_FLAGS outside the launcher', () => {
  it('npm start passes them', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
    expect(pkg.scripts.start).toBe(['node', ...ROLE_NODE_FLAGS, 'dist/main.js'].join(' '));
  });

  it("the Docker image's command passes them", () => {
    const dockerfile = readFileSync(join(REPO_ROOT, 'docker', 'Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(cmd && JSON.parse(cmd)).toEqual(['node', ...ROLE_NODE_FLAGS, 'dist/main.js']);
  });
});
