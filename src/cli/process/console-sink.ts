import { OutputSink } from './managed-process';

const COLORS = [36, 35, 33, 32, 34, 91, 96, 95];
const RESET = '\x1b[0m';

export interface Prefixer {
  readonly sink: OutputSink;
  /** Prints one line of the launcher itself under `name`. */
  readonly say: (name: string, line: string, stream?: 'stdout' | 'stderr') => void;
}

/**
 * Writes every line as `name | line`, names padded to one width and coloured (one colour per
 * name) when the stream is a terminal.
 */
export function consolePrefixer(names: readonly string[]): Prefixer {
  const width = Math.max(...names.map((name) => name.length));
  const colorOf = new Map(names.map((name, index) => [name, COLORS[index % COLORS.length]]));
  const prefix = (name: string, tty: boolean): string => {
    const label = `${name.padEnd(width)} |`;
    return tty ? `\x1b[${colorOf.get(name) ?? 37}m${label}${RESET}` : label;
  };
  const say = (name: string, line: string, stream: 'stdout' | 'stderr' = 'stdout'): void => {
    const target = stream === 'stdout' ? process.stdout : process.stderr;
    target.write(`${prefix(name, target.isTTY === true)} ${line}\n`);
  };
  return { sink: say, say };
}
