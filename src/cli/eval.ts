import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { failed, runCli } from './args/run-cli';
import { EVAL_USAGE, EvalOptions, parseEvalOptions } from './evaluation/eval-options';
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

runCli({
  usage: EVAL_USAGE,
  parse: (argv) => parseEvalOptions(argv, ROOT),
  run: (options) => {
    process.on('exit', () => EvalCluster.killAllNow());
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        say(`${signal}: killing every cluster process`);
        process.exit(130);
      });
    }
    return run(options);
  },
  reportFailure: failed('evaluation'),
  exit: 'drain',
});
