import { join, resolve } from 'node:path';
import { failed } from './args/run-cli';
import { writeStrippedDependencies } from './build/stripped-dependencies';

// dist/cli/strip-dependencies.js sits two levels below the repository root.
const ROOT = resolve(__dirname, '..', '..');
const TARGET = join(ROOT, 'dist', 'node_modules');

const mb = (bytes: number): string => (bytes / 1048576).toFixed(1);

/** The last step of `npm run build`: dist/node_modules, the production dependencies as they are run. */
async function main(): Promise<void> {
  const started = Date.now();
  console.log('dist/node_modules: stripping comments and whitespace from the production dependencies…');
  const report = await writeStrippedDependencies(ROOT, TARGET);
  console.log(
    `dist/node_modules: ${report.packages} packages, ${report.files} files, ${report.scripts} scripts ` +
      `${mb(report.scriptBytesBefore)} → ${mb(report.scriptBytesAfter)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (report.keptAsIs.length > 0) {
    console.log(`  kept as they are (not parsed): ${report.keptAsIs.join(', ')}`);
  }
}

main().catch((error: unknown) => {
  failed('strip-dependencies')(error);
  process.exit(1);
});
