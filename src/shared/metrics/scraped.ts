import { Counter, Gauge, LabelValues, Registry } from 'prom-client';

/** One labelled value of a metric read at scrape time. */
export type Sample<L extends string> = readonly [labels: LabelValues<L>, value: number];

interface ScrapedOptions<L extends string> {
  readonly registry: Registry;
  readonly name: string;
  readonly help: string;
  readonly labelNames?: readonly L[];
  /** The current values; series not listed disappear from this scrape on. */
  readonly read: () => readonly Sample<L>[] | Promise<readonly Sample<L>[]>;
}

/** A metric's configuration whose `collect` replaces every series with what `read` answers. */
function scrapedConfig<L extends string, M extends { reset(): void }>(
  { registry, name, help, labelNames = [], read }: ScrapedOptions<L>,
  write: (metric: M, labels: LabelValues<L>, value: number) => void,
) {
  return {
    name,
    help,
    labelNames,
    registers: [registry],
    async collect(this: M): Promise<void> {
      const samples = await read();
      this.reset();
      for (const [labels, value] of samples) write(this, labels, value);
    },
  };
}

/**
 * A gauge whose values are read from existing state when Prometheus scrapes, so the code that
 * owns the state does nothing per request for it.
 */
export function scrapedGauge<L extends string>(options: ScrapedOptions<L>): Gauge<L> {
  return new Gauge<L>(scrapedConfig(options, (gauge: Gauge<L>, labels, value) => gauge.set(labels, value)));
}

/**
 * A counter whose totals are read at scrape time from a count the owner keeps anyway (e.g. the
 * cache's hits). The totals must only grow while the process lives.
 */
export function scrapedCounter<L extends string>(options: ScrapedOptions<L>): Counter<L> {
  return new Counter<L>(scrapedConfig(options, (counter: Counter<L>, labels, value) => counter.inc(labels, value)));
}

/** A single unlabelled value. */
export const one = (value: number): Sample<never>[] => [[{}, value]];
