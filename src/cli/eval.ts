import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EVAL_USAGE, EvalOptions, parseEvalOptions, UsageError } from './evaluation/eval-options';
import { EvalCluster } from './evaluation/eval-cluster';
import { EvaluationResults } from './evaluation/eval-results.types';
import { runEvaluation, writeOutputs } from './evaluation/run-evaluation';

// dist/cli/eval.js and src/cli/eval.ts both sit two levels below the repository root.
const ROOT = resolve(__dirname, '..', '..');

function say(line: string): void {
  console.log(`[eval ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

function passed(results: Pick<EvaluationResults, 'latencyRuns' | 'crash'>): boolean {
  const { crash } = results;
  return (
    results.latencyRuns.every((run) => run.verification.passed) &&
    crash.verification.passed &&
    crash.convergence.identical &&
    crash.conservation.holds
  );
}

async function run(options: EvalOptions): Promise<number> {
  const written = options.fromResults
    ? await writeOutputs(JSON.parse(await readFile(options.fromResults, 'utf8')) as EvaluationResults, options.outDir)
    : await runEvaluation(options, say);
  for (const file of written.files) say(`wrote ${file}`);
  return passed(written.results) ? 0 : 1;
}

function main(): void {
  let options: EvalOptions;
  try {
    options = parseEvalOptions(process.argv.slice(2), ROOT);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${EVAL_USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(EVAL_USAGE);
    return;
  }
  process.on('exit', () => EvalCluster.killAllNow());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      say(`${signal}: killing every cluster process`);
      process.exit(130);
    });
  }
  run(options).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`evaluation failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = 1;
    },
  );
}

main();
