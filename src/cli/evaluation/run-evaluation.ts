import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCacheTimeline } from './cache-timeline';
import {
  cacheBenefitChart,
  cacheCountersChart,
  cacheTimelineChart,
  crashLatencyChart,
  crashThroughputChart,
  latencyVsPChart,
} from './charts';
import { runCrashExperiment } from './crash-experiment';
import { EvalOptions } from './eval-options';
import { EvaluationResults } from './eval-results.types';
import { runLatencyExperiment, Say } from './latency-experiment';
import { machineInfo, withEndLoad } from './machine-info';
import { renderSvg } from './render-svg';
import { PLOTS, renderReport } from './report';

/** Plots, results and the report live in `<outDir>/evaluation/`, the report links them relatively. */
const PLOT_DIR = 'evaluation';

export interface WrittenFiles {
  readonly results: EvaluationResults;
  readonly report: string;
  readonly files: readonly string[];
}

async function writePlots(results: EvaluationResults, dir: string): Promise<string[]> {
  const charts = [
    [PLOTS.latencyVsP, latencyVsPChart(results.latencyRuns)],
    [PLOTS.cacheBenefit, cacheBenefitChart(results.latencyRuns)],
    [PLOTS.cacheTimeline, cacheTimelineChart(results.cacheTimeline)],
    [PLOTS.cacheCounters, cacheCountersChart(results.cacheTimeline)],
    [PLOTS.crashLatency, crashLatencyChart(results.crash)],
    [PLOTS.crashThroughput, crashThroughputChart(results.crash)],
  ] as const;
  const written: string[] = [];
  for (const [file, spec] of charts) {
    const path = join(dir, file);
    await writeFile(path, await renderSvg(spec));
    written.push(path);
  }
  return written;
}

export async function writeOutputs(results: EvaluationResults, outDir: string): Promise<WrittenFiles> {
  const dir = join(outDir, PLOT_DIR);
  await mkdir(dir, { recursive: true });
  const files = await writePlots(results, dir);
  const json = join(dir, 'results.json');
  await writeFile(json, `${JSON.stringify(results, null, 2)}\n`);
  const report = join(outDir, 'EVALUATION.md');
  await writeFile(report, renderReport(results, PLOT_DIR));
  return { results, report, files: [...files, json, report] };
}

/** Runs the three experiments one after another (each on its own cluster) and writes every output. */
export async function runEvaluation(options: EvalOptions, say: Say): Promise<WrittenFiles> {
  const { plan, seed } = options;
  const started = Date.now();
  const machine = machineInfo();
  say(
    `${plan.mode} evaluation, seed ${seed}, ${machine.cores} cores (${machine.cpuModel}), load ${machine.loadAverageStart}`,
  );
  const latencyRuns = await runLatencyExperiment(plan, seed, say);
  const cacheTimeline = await runCacheTimeline(plan, seed, say);
  const crash = await runCrashExperiment(plan, seed, say);
  const results: EvaluationResults = {
    mode: plan.mode,
    seed,
    machine: withEndLoad(machine),
    clients: plan.clients,
    iterations: plan.iterations,
    cacheSizeForLatency: plan.latencyCacheSize,
    latencyRuns,
    cacheTimeline,
    crash,
    totalMs: Date.now() - started,
  };
  return writeOutputs(results, options.outDir);
}
