import { failed, runCli } from './args/run-cli';
import { BENCH_USAGE, parseBenchOptions } from './bench/bench-options';
import { runDuels } from './bench/duel';
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
    if (options.duel === undefined) await runBench(ctx);
    else await runDuels(ctx, options.duel);
    return 0;
  },
  reportFailure: failed('benchmark'),
});
