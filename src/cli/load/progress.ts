import { RequestSample } from './load.types';

export interface ProgressOptions {
  readonly stream: NodeJS.WriteStream;
  readonly clients: number;
  /** Total lookups expected (clients × iterations), for the percentage. */
  readonly plannedLookups: number;
  readonly everySeconds: number;
}

/**
 * A progress line on stderr: redrawn in place on a terminal, one line every `everySeconds`
 * otherwise (logs of a CI job should not fill up with carriage returns).
 */
export class ProgressLine {
  private lookups = 0;
  private trades = 0;
  private errors = 0;
  private readonly started = Date.now();
  private timer?: NodeJS.Timeout;

  constructor(private readonly options: ProgressOptions) {}

  readonly record = (sample: RequestSample): void => {
    if (sample.kind === 'lookup') this.lookups += 1;
    if (sample.kind === 'trade') this.trades += 1;
    if (!sample.ok) this.errors += 1;
  };

  start(): void {
    const tty = this.options.stream.isTTY === true;
    this.timer = setInterval(() => this.print(tty), tty ? 200 : this.options.everySeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    if (this.options.stream.isTTY === true) this.options.stream.write('\r\x1b[K');
  }

  private print(tty: boolean): void {
    const planned = this.options.plannedLookups;
    const percent = planned > 0 ? Math.floor((100 * this.lookups) / planned) : 100;
    const seconds = ((Date.now() - this.started) / 1000).toFixed(0);
    const text = `[${seconds} s] ${this.lookups}/${planned} lookups (${percent}%), ${this.trades} trades, ${this.errors} errors`;
    this.options.stream.write(tty ? `\r\x1b[K${text}` : `${text}\n`);
  }
}
