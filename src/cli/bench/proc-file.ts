import { readFileSync } from 'node:fs';

/** `/proc/<pid>/<file>` read and parsed; undefined for no pid, a process that is gone, or no /proc. */
export function readProc<T>(
  pid: number | undefined,
  file: string,
  parse: (text: string) => T | undefined,
): T | undefined {
  if (pid === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
  return parse(text);
}
