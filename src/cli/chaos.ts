import { CHAOS_USAGE, ChaosOptions, ChaosUsageError, parseChaosOptions } from './chaos/chaos-options';
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

function main(): void {
  let options: ChaosOptions;
  try {
    options = parseChaosOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof ChaosUsageError)) throw error;
    console.error(`${error.message}\n\n${CHAOS_USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(CHAOS_USAGE);
    return;
  }
  // The runner kills the cluster on exit; a signal has to become an exit for that to happen.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => process.exit(130));
  run(options).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

main();
