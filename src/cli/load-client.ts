import { runLoad } from './load/load-run';
import { failed, runCli } from './args/run-cli';
import { LOAD_CLIENT_USAGE, LoadClientOptions, parseLoadClientOptions } from './load/load-options';
import { verificationPassed } from './load/load.types';
import { ProgressLine } from './load/progress';
import { formatReport, jsonReport } from './load/report-table';
import { DEFAULT_RETRY_POLICY } from './load/retry-policy';

async function run(options: LoadClientOptions): Promise<number> {
  const progress = new ProgressLine({
    stream: process.stderr,
    clients: options.clients,
    plannedLookups: options.clients * options.iterations,
    everySeconds: options.progressEverySeconds,
  });
  progress.start();
  const result = await runLoad(
    {
      url: options.url,
      clients: options.clients,
      iterations: options.iterations,
      p: options.p,
      seed: options.seed,
      retry: { ...DEFAULT_RETRY_POLICY, maxRetries: options.maxRetries },
      maxTradeQuantity: options.maxQuantity,
      requestTimeoutMs: options.timeoutMs,
    },
    { onSample: progress.record },
  ).finally(() => progress.stop());
  if (options.json) console.log(JSON.stringify(jsonReport(result, options.p, options.clients), null, 2));
  else console.log(formatReport(result, options.p, options.clients));
  if (!verificationPassed(result.verification)) return 1;
  return result.samples.some((sample) => !sample.ok) ? 3 : 0;
}

runCli({
  usage: LOAD_CLIENT_USAGE,
  parse: parseLoadClientOptions,
  run,
  reportFailure: failed('load client', { stack: false }),
  exit: 'drain',
});
