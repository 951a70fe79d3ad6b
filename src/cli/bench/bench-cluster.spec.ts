import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterMemberSpec, roleNodeFlagsOf } from './bench-cluster';

describe(roleNodeFlagsOf.name, () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'role-node-flags-'));
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it("answers another checkout's own flags from its dist/", () => {
    mkdirSync(join(root, 'dist', 'shared', 'runtime'), { recursive: true });
    const built = 'exports.ROLE_NODE_FLAGS = ["--max-semi-space-size=4"];';
    writeFileSync(join(root, 'dist', 'shared', 'runtime', 'role-node-flags.js'), built);
    expect(roleNodeFlagsOf(root)).toEqual(['--max-semi-space-size=4']);
  });

  it('answers none for a build from before the flags existed', () => {
    expect(roleNodeFlagsOf(root)).toEqual([]);
  });
});

describe(clusterMemberSpec.name, () => {
  const spec = { name: 'order-2', script: '/app/dist/main.js', env: { ROLE: 'order', SPARE_APPEND_DELAY_MS: '20' } };

  it('gives a member the --env settings over its own, the node flags before the profiling ones, and the launcher', () => {
    const sut = clusterMemberSpec(spec, {
      adapter: 'fastify',
      launcher: ['taskset', '-c', '0'],
      cpuProfDir: '/tmp/prof',
      env: { SPARE_APPEND_DELAY_MS: '0', HEAP_GROWTH_PERCENT: '300' },
      nodeFlags: ['--single-threaded-gc'],
    });
    expect(sut).toEqual({
      ...spec,
      env: { ROLE: 'order', SPARE_APPEND_DELAY_MS: '0', HEAP_GROWTH_PERCENT: '300' },
      launcher: ['taskset', '-c', '0'],
      nodeArgs: ['--single-threaded-gc', '--cpu-prof', '--cpu-prof-dir', '/tmp/prof/order-2'],
    });
  });

  it("keeps a member's own node flags first, so that --node-flags can override them", () => {
    const withFlags = { ...spec, nodeArgs: ['--max-semi-space-size=8'] };
    const sut = clusterMemberSpec(withFlags, { adapter: 'express', nodeFlags: ['--max-semi-space-size=16'] });
    expect(sut.nodeArgs).toEqual(['--max-semi-space-size=8', '--max-semi-space-size=16']);
  });

  it('leaves a member as it is without settings or flags', () => {
    expect(clusterMemberSpec(spec, { adapter: 'express' })).toEqual({ ...spec, launcher: undefined, nodeArgs: [] });
  });
});
