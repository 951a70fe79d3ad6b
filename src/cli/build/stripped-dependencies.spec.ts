import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { runInNewContext } from 'node:vm';
import { productionPackages, stripCommentsAndWhitespace, writeStrippedDependencies } from './stripped-dependencies';

const LOCK = {
  packages: {
    '': {},
    'node_modules/app-lib': {},
    'node_modules/app-lib/node_modules/nested': {},
    'node_modules/test-tool': { dev: true },
    'node_modules/other-platform-binary': {},
  },
};

const INSTALLED: Record<string, string> = {
  'package-lock.json': JSON.stringify(LOCK),
  'node_modules/app-lib/package.json': '{ "name": "app-lib" }',
  'node_modules/app-lib/index.js':
    "'use strict';\n/** The answer. */\nconst answer = 42; // no less\nmodule.exports = { answer, text: 'déjà vu' };\n",
  'node_modules/app-lib/index.d.ts': 'export declare const answer: number;\n',
  'node_modules/app-lib/index.js.map': '{}',
  'node_modules/app-lib/README.md': '# app-lib\n',
  'node_modules/app-lib/lib/not-javascript.js': 'this is ( not javascript\n',
  'node_modules/app-lib/build/Release/addon.node': 'binary',
  'node_modules/app-lib/build/Release/obj.target/addon.node': 'binary',
  'node_modules/app-lib/build/Release/obj/gen/configure': '#!/bin/sh',
  'node_modules/app-lib/node_modules/nested/index.cjs': '#!/usr/bin/env node\nexports.value   =   1 ;\n',
  'node_modules/test-tool/index.js': 'module.exports = 1;\n',
};

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describe(writeStrippedDependencies.name, () => {
  let root: string;
  let target: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'stripped-dependencies-'));
    target = join(root, 'dist', 'node_modules');
    for (const [path, text] of Object.entries(INSTALLED)) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), text);
    }
  });

  afterEach(() => rm(root, { recursive: true, force: true }));

  it('copies the installed production packages, their scripts stripped, without what no process runs', async () => {
    await mkdir(join(target, 'stale'), { recursive: true });
    await writeFile(join(target, 'stale', 'index.js'), '');

    const report = await writeStrippedDependencies(root, target);

    expect(await filesUnder(target)).toEqual([
      'app-lib/build/Release/addon.node',
      'app-lib/index.js',
      'app-lib/lib/not-javascript.js',
      'app-lib/node_modules/nested/index.cjs',
      'app-lib/package.json',
    ]);
    const stripped = {
      'app-lib/index.js': '"use strict";const answer=42;module.exports={answer,text:"d\\xe9j\\xe0 vu"};',
      'app-lib/node_modules/nested/index.cjs': '#!/usr/bin/env node\nexports.value=1;',
      'app-lib/lib/not-javascript.js': INSTALLED['node_modules/app-lib/lib/not-javascript.js'],
    };
    for (const [file, text] of Object.entries(stripped)) {
      expect(await readFile(join(target, file), 'utf8')).toBe(text);
    }
    const bytes = (texts: string[]): number => texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    expect(report).toEqual({
      packages: 2,
      files: 5,
      scripts: 3,
      scriptBytesBefore: bytes(Object.keys(stripped).map((file) => INSTALLED[`node_modules/${file}`])),
      scriptBytesAfter: bytes(Object.values(stripped)),
      keptAsIs: ['node_modules/app-lib/lib/not-javascript.js'],
    });
    expect(await readdir(dirname(target))).toEqual(['node_modules']);
  });

  it('keeps what a stripped script does', async () => {
    const source = INSTALLED['node_modules/app-lib/index.js'];
    const run = (code: string): unknown => {
      const module = { exports: {} };
      runInNewContext(code, { module });
      return module.exports;
    };
    expect(run(await stripCommentsAndWhitespace(source))).toEqual(run(source));
  });
});

describe(productionPackages.name, () => {
  it('answers every package of the lock file but the dev-only ones and the root', () => {
    expect(productionPackages(LOCK)).toEqual([
      'node_modules/app-lib',
      'node_modules/app-lib/node_modules/nested',
      'node_modules/other-platform-binary',
    ]);
  });
});
