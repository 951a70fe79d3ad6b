import { BENCH_USAGE, BenchOptions, BenchUsageError, parseBenchOptions } from './bench/bench-options';
import { benchContext, runBench } from './bench/run-bench';

function main(): void {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    console.error(`${error.message}\n\n${BENCH_USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(BENCH_USAGE);
    return;
  }
  const ctx = benchContext(options);
  process.on('exit', () => ctx.abortAll());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      console.error(`received ${signal}: killing every server`);
      ctx.abortAll();
      process.exit(130);
    });
  }
  runBench(ctx).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}

main();
