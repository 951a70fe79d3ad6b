import { failed, runCli } from './args/run-cli';
import { BENCH_USAGE, parseBenchOptions } from './bench/bench-options';
import { benchContext, runBench } from './bench/run-bench';

runCli({
  usage: BENCH_USAGE,
  parse: (argv) => parseBenchOptions(argv),
  run: async (options) => {
    const ctx = benchContext(options);
    process.on('exit', () => ctx.abortAll());
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        console.error(`received ${signal}: killing every server`);
        ctx.abortAll();
        process.exit(130);
      });
    }
    await runBench(ctx);
    return 0;
  },
  reportFailure: failed('benchmark'),
});
