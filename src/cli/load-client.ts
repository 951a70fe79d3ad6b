import { runLoad } from './load/load-run';
import { LOAD_CLIENT_USAGE, LoadClientOptions, parseLoadClientOptions, UsageError } from './load/load-options';
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

function main(): void {
  let options: LoadClientOptions;
  try {
    options = parseLoadClientOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${LOAD_CLIENT_USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(LOAD_CLIENT_USAGE);
    return;
  }
  run(options).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`load client failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}

main();
