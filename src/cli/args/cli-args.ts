import { parseArgs, ParseArgsConfig } from 'node:util';

type FlagConfig = NonNullable<ParseArgsConfig['options']>;

/** Thrown for a bad command line; `runCli` prints the message and the usage and exits with 2. */
export class UsageError extends Error {}

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * `parseArgs` in strict mode without positionals, plus `-h, --help`; its errors become `UsageError`s.
 * Answers the flag values.
 */
export function parseFlags<const T extends FlagConfig>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options: { ...options, ...HELP } })
      .values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** A whole number from `min` to `max` written in plain digits; `undefined` when the flag is absent. */
export function integerFlag(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new UsageError(`${flag} must be an integer from ${min} to ${max} (got '${value}')`);
  }
  return parsed;
}

/** A non-negative decimal number (`0.4`, `.5`, `1`) from `min` to `max`; `undefined` when absent. */
export function numberFlag(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = /^(\d+(\.\d*)?|\.\d+)$/.test(value) ? Number(value) : NaN;
  if (Number.isNaN(parsed) || parsed < min || parsed > max) {
    throw new UsageError(`${flag} must be a number from ${min} to ${max} (got '${value}')`);
  }
  return parsed;
}

/** One of `allowed`; `undefined` when absent. */
export function enumFlag<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
}
