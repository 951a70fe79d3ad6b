import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { LoadPlan, LoadResult } from './load.types';

const WORKER = join(__dirname, 'load-worker.js');

export interface LoadRun {
  /** Resolves once the worker's connections are open and requests are flowing. */
  readonly started: Promise<void>;
  readonly result: Promise<LoadResult>;
}

interface WorkerLine {
  readonly event?: string;
  readonly result?: LoadResult;
}

function parseLine(line: string): WorkerLine {
  try {
    return JSON.parse(line) as WorkerLine;
  } catch {
    return {};
  }
}

/** Runs one autocannon plan in a child process (under `launcher`, e.g. taskset, when given). */
export function startLoad(plan: LoadPlan, launcher: readonly string[] = []): LoadRun {
  const [command, ...prefix] = launcher.length > 0 ? launcher : [process.execPath];
  const args = launcher.length > 0 ? [...prefix, process.execPath, WORKER] : [WORKER];
  const child = spawn(command, [...args, JSON.stringify(plan)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const result = new Promise<LoadResult>((resolve, reject) => {
    let outcome: LoadResult | undefined;
    const stderr: string[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => {
      const parsed = parseLine(line);
      if (parsed.event === 'started') markStarted();
      if (parsed.event === 'result') outcome = parsed.result;
    });
    child.once('error', reject);
    child.once('close', (code) => {
      markStarted();
      if (outcome && code === 0) resolve(outcome);
      else reject(new Error(`load worker failed (exit ${code}): ${stderr.join('').trim()}`));
    });
  });
  return { started, result };
}

export function runLoad(plan: LoadPlan, launcher?: readonly string[]): Promise<LoadResult> {
  return startLoad(plan, launcher).result;
}
