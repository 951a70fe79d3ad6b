import { runCli } from './args/run-cli';
import { CHAOS_USAGE, ChaosOptions, parseChaosOptions } from './chaos/chaos-options';
import { summaryLines, writeChaosReport } from './chaos/chaos-report';
import { runChaos } from './chaos/chaos-runner';

const started = Date.now();

function say(line: string): void {
  console.log(`[chaos +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
}

async function run(options: ChaosOptions): Promise<number> {
  const report = await runChaos(options, say);
  const files = await writeChaosReport(options.reportDir, report);
  console.log(['', ...summaryLines(report), '', `report: ${files.join(', ')}`].join('\n'));
  return report.passed ? 0 : 1;
}

runCli({
  usage: CHAOS_USAGE,
  parse: (argv) => parseChaosOptions(argv),
  run: (options) => {
    // The runner kills the cluster on exit; a signal has to become an exit for that to happen.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => process.exit(130));
    return run(options);
  },
});
