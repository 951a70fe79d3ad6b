import { UsageError } from './cli-args';

export interface CliProgram<O extends { readonly help: boolean }> {
  readonly usage: string;
  parse(argv: readonly string[]): O;
  /** Resolves to the exit code, or to nothing to keep the process running (the cluster launcher). */
  run(options: O): Promise<number | void>;
  /** Prints a failure of `run`; default `console.error(error)`. */
  reportFailure?(error: unknown): void;
  /**
   * `exit`: `process.exit(code)` at once (default). `drain`: set `process.exitCode` and let the event
   * loop empty, so buffered output is flushed.
   */
  readonly exit?: 'exit' | 'drain';
}

/** Prints `<what> failed: <stack or message>`. */
export function failed(what: string, { stack = true } = {}): (error: unknown) => void {
  return (error) => {
    const text = error instanceof Error ? (stack ? (error.stack ?? error.message) : error.message) : String(error);
    console.error(`${what} failed: ${text}`);
  };
}

/**
 * The shared `main` of the command-line tools: parse the arguments (a `UsageError` prints the message
 * and the usage, exit code 2), answer `--help`, run, and exit with the code `run` answers (1 on failure).
 */
export function runCli<O extends { readonly help: boolean }>(
  program: CliProgram<O>,
  argv = process.argv.slice(2),
): void {
  let options: O;
  try {
    options = program.parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${program.usage}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(program.usage);
    return;
  }
  const finish = (code: number): void => {
    if (program.exit === 'drain') process.exitCode = code;
    else process.exit(code);
  };
  program.run(options).then(
    (code) => {
      if (code !== undefined) finish(code);
    },
    (error: unknown) => {
      (program.reportFailure ?? console.error)(error);
      finish(1);
    },
  );
}
