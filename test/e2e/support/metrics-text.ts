import { http } from './http.client';

/** One line of the Prometheus text format: `name{label="value",…} value`. */
export interface MetricSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseMetrics(text: string): MetricSample[] {
  return text.split('\n').flatMap((line) => {
    const match = SAMPLE.exec(line.trim());
    if (!match || line.startsWith('#')) return [];
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(LABEL)].map(([, name, value]) => [name, value]));
    return [{ name: match[1], labels, value: Number(match[3]) }];
  });
}

/** The sum of every sample of `name` whose labels include `labels` (0 when none). */
export function sumOf(samples: readonly MetricSample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value))
    .reduce((total, s) => total + s.value, 0);
}

export interface Scrape {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  readonly samples: MetricSample[];
}

/** `GET {baseUrl}/metrics` without any token, parsed. */
export async function scrape(baseUrl: string): Promise<Scrape> {
  const res = await http<string>('GET', `${baseUrl}/metrics`, { headers: { accept: 'text/plain' } });
  const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
  return { status: res.status, contentType: String(res.headers['content-type']), text, samples: parseMetrics(text) };
}
