import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { minify } from 'terser';

/** The part of package-lock.json read here: every installed package by its path, dev-only ones marked. */
export interface PackageLock {
  readonly packages: Readonly<Record<string, { readonly dev?: boolean }>>;
}

/** Files no running process reads: typings, source maps, docs, TypeScript and C/C++ sources, build leftovers. */
const NOT_RUN =
  /(\.d\.[cm]?ts|\.[cm]?ts|\.map|\.md|\.markdown|\.c|\.cc|\.cpp|\.h|\.hpp|\.o|\.a|\.d|\.mk|\.gypi?|\.tar\.gz|^Makefile)$/i;
/** A native addon's compile intermediates (node-gyp's build/Release/obj…): only the built .node file is loaded. */
const NOT_RUN_DIRECTORY = /\/build\/[^/]+\/(obj|obj\.target|\.deps)$/;
const SCRIPT = /\.c?js$/;

/**
 * The source without comments and whitespace, non-ASCII characters escaped, nothing else changed
 * (no renaming, no rewriting). V8 keeps every loaded script's source on the heap, as a one-byte
 * string only if all its characters are Latin-1.
 */
export async function stripCommentsAndWhitespace(source: string): Promise<string> {
  const { code } = await minify(source, {
    ecma: 2020,
    compress: false,
    mangle: false,
    format: { comments: false, shebang: true, ascii_only: true },
    parse: { bare_returns: true },
  });
  if (code === undefined) throw new Error('terser returned no code');
  return code;
}

export interface StripReport {
  readonly packages: number;
  readonly files: number;
  readonly scripts: number;
  readonly scriptBytesBefore: number;
  readonly scriptBytesAfter: number;
  /** Scripts terser could not parse, copied as they are (relative to the root). */
  readonly keptAsIs: readonly string[];
}

/** The installed production packages, as paths below the root ('node_modules/a', 'node_modules/a/node_modules/b'). */
export function productionPackages(lock: PackageLock): string[] {
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev)
    .map(([path]) => path);
}

async function exists(path: string): Promise<boolean> {
  return readdir(path).then(
    () => true,
    () => false,
  );
}

/** The files of a package, relative to `root`, without its nested node_modules (packages of their own). */
async function* packageFiles(root: string, dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !NOT_RUN_DIRECTORY.test(path)) yield* packageFiles(root, path);
    } else if (entry.isFile() && !NOT_RUN.test(entry.name)) yield path;
  }
}

/**
 * Writes `target` (normally dist/node_modules) with every installed production package of the
 * lock file under `root`, its scripts stripped of comments and whitespace, the files no process
 * runs left out. Node resolves a module of dist/ from dist/node_modules first, so every process
 * started from dist/ runs these copies. Written beside the target and then swapped in: a failed
 * run leaves the previous copy.
 */
export async function writeStrippedDependencies(root: string, target: string): Promise<StripReport> {
  const lock = JSON.parse(await readFile(join(root, 'package-lock.json'), 'utf8')) as PackageLock;
  const partial = `${target}.partial`;
  await rm(partial, { recursive: true, force: true });
  const keptAsIs: string[] = [];
  let packages = 0;
  let files = 0;
  let scripts = 0;
  let scriptBytesBefore = 0;
  let scriptBytesAfter = 0;
  for (const dir of productionPackages(lock)) {
    if (!(await exists(join(root, dir)))) continue; // an optional package for another platform
    packages += 1;
    for await (const file of packageFiles(root, dir)) {
      const to = join(partial, file.slice('node_modules/'.length));
      await mkdir(dirname(to), { recursive: true });
      files += 1;
      if (!SCRIPT.test(file)) {
        await copyFile(join(root, file), to);
        continue;
      }
      const source = await readFile(join(root, file), 'utf8');
      const stripped = await stripCommentsAndWhitespace(source).catch(() => {
        keptAsIs.push(file);
        return source;
      });
      await writeFile(to, stripped);
      scripts += 1;
      scriptBytesBefore += Buffer.byteLength(source);
      scriptBytesAfter += Buffer.byteLength(stripped);
    }
  }
  await rm(target, { recursive: true, force: true });
  await rename(partial, target);
  return { packages, files, scripts, scriptBytesBefore, scriptBytesAfter, keptAsIs };
}
