import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { waitForHealthy } from './wait-for';

export interface ProcessSpec {
  readonly name: string;
  /** Script run with the current node binary, e.g. the absolute path of dist/main.js. */
  readonly script: string;
  readonly cwd?: string;
  /** The child's whole environment (nothing else is inherited). */
  readonly env: Readonly<Record<string, string>>;
  /** Base URL whose `/health` tells readiness. */
  readonly url?: string;
  /** Created before every start. */
  readonly dataDir?: string;
  /** Arguments after the script. */
  readonly args?: readonly string[];
  /** Node flags placed before the script, e.g. `--cpu-prof`. */
  readonly nodeArgs?: readonly string[];
  /** A command that runs node for us, e.g. `['taskset', '-c', '0']`; it must exec node (same pid). */
  readonly launcher?: readonly string[];
}

export interface ExitStatus {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** True when this exit followed a `stop()` or `kill()` call. */
  readonly expected: boolean;
}

export type OutputStream = 'stdout' | 'stderr';
export type OutputSink = (name: string, line: string, stream: OutputStream) => void;

export interface ManagedProcessOptions {
  /** Receives every output line; default: dropped (lines are still kept, see `output()`). */
  readonly sink?: OutputSink;
  /** Own process group, so a terminal's Ctrl-C reaches only the launcher, which then stops us in order. */
  readonly detached?: boolean;
  /** How many recent output lines `output()` keeps. */
  readonly keepLines?: number;
}

const ANSI_ESCAPE = /\x1b\[[0-9;]*[A-Za-z]/g;
const DEFAULT_STOP_TIMEOUT_MS = 5000;

export function describeExit(status: ExitStatus): string {
  return status.signal ? `killed by ${status.signal}` : `exit code ${status.code ?? 'unknown'}`;
}

/** One child process that can be started, signalled, stopped and restarted with the same spec. */
export class ManagedProcess {
  private child?: ChildProcess;
  private exit?: Promise<ExitStatus>;
  private lastExit?: ExitStatus;
  private stopping = false;
  private readonly lines: string[] = [];
  private readonly exitListeners = new Set<(status: ExitStatus) => void>();

  constructor(
    readonly spec: ProcessSpec,
    private readonly options: ManagedProcessOptions = {},
  ) {}

  get name(): string {
    return this.spec.name;
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.lastExit === undefined;
  }

  /** How the last run ended, if it has ended. */
  get exitStatus(): ExitStatus | undefined {
    return this.lastExit;
  }

  /** Recent output lines, ANSI colours removed, oldest first. */
  output(): readonly string[] {
    return [...this.lines];
  }

  onExit(listener: (status: ExitStatus) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  start(): void {
    if (this.running) throw new Error(`${this.name} is already running`);
    if (this.spec.dataDir) mkdirSync(this.spec.dataDir, { recursive: true });
    this.stopping = false;
    this.lastExit = undefined;
    const nodeArgv = [...(this.spec.nodeArgs ?? []), this.spec.script, ...(this.spec.args ?? [])];
    const [command, ...prefix] = this.spec.launcher ?? [process.execPath];
    const argv = this.spec.launcher ? [...prefix, process.execPath, ...nodeArgv] : nodeArgv;
    const child = spawn(command, argv, {
      cwd: this.spec.cwd,
      env: this.spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: this.options.detached ?? false,
    });
    this.child = child;
    this.forwardLines(child.stdout, 'stdout');
    this.forwardLines(child.stderr, 'stderr');
    this.exit = new Promise<ExitStatus>((resolve) => {
      const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
        if (this.child !== child || this.lastExit !== undefined) return;
        const status: ExitStatus = { code, signal, expected: this.stopping };
        this.lastExit = status;
        resolve(status);
        for (const listener of this.exitListeners) listener(status);
      };
      // 'close' comes after the output streams end, so no line arrives after the exit is reported.
      child.once('close', finish);
      child.once('error', (error) => {
        this.keep(`failed to start: ${error.message}`);
        finish(null, null);
      });
    });
  }

  /** Sends `signal` (SIGKILL unless told) and waits until the process has exited. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<ExitStatus | undefined> {
    if (!this.running) return this.lastExit;
    this.stopping = true;
    this.child?.kill(signal);
    return this.exit;
  }

  /** Sends a signal without waiting, e.g. SIGSTOP / SIGCONT to freeze and thaw the process. */
  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child?.kill(signal);
  }

  /** SIGTERM, then SIGKILL if the process has not exited within `timeoutMs`; waits for the exit. */
  async stop(timeoutMs = DEFAULT_STOP_TIMEOUT_MS): Promise<ExitStatus | undefined> {
    if (!this.running || !this.exit) return this.lastExit;
    this.stopping = true;
    this.child?.kill('SIGTERM');
    // A frozen (SIGSTOP) process acts on SIGTERM only once it runs again.
    this.child?.kill('SIGCONT');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    const status = await Promise.race([this.exit, timedOut]);
    clearTimeout(timer);
    if (status !== undefined) return status;
    this.keep(`did not stop within ${timeoutMs} ms, sending SIGKILL`);
    return this.kill('SIGKILL');
  }

  /** Synchronous last resort for `process.on('exit')`: SIGKILL without waiting. */
  killNow(): void {
    if (!this.running) return;
    this.stopping = true;
    this.child?.kill('SIGKILL');
  }

  /** Polls `GET {url}/health` until 200; fails early, with the last output lines, if the process exits. */
  async waitHealthy(timeoutMs: number): Promise<void> {
    const url = this.spec.url;
    if (url === undefined) throw new Error(`${this.name} has no URL to check`);
    try {
      await waitForHealthy(url, {
        timeoutMs,
        description: `${this.name} to be healthy at ${url}/health`,
        abortIf: () => (this.lastExit ? `${this.name} exited (${describeExit(this.lastExit)})` : undefined),
      });
    } catch (error) {
      const tail = this.lines.slice(-20).map((line) => `  ${this.name} | ${line}`);
      const message = error instanceof Error ? error.message : String(error);
      throw new Error([message, `last output of ${this.name}:`, ...tail].join('\n'));
    }
  }

  private forwardLines(stream: Readable, kind: OutputStream): void {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      this.keep(line.replace(ANSI_ESCAPE, ''));
      this.options.sink?.(this.name, line, kind);
    });
  }

  private keep(line: string): void {
    this.lines.push(line);
    const excess = this.lines.length - (this.options.keepLines ?? 2000);
    if (excess > 0) this.lines.splice(0, excess);
  }
}
