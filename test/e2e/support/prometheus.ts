import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../src/cli/process/free-port';
import { waitFor } from '../../../src/cli/process/wait-for';
import { http } from './http.client';

/** Debian's `prometheus` package puts its binary here; PROMETHEUS_BIN overrides it. */
export const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';

export interface ScrapeTarget {
  /** Becomes the `process` label of every series scraped from it. */
  readonly process: string;
  /** Base URL; `/metrics` is scraped. */
  readonly url: string;
}

export interface PromSample {
  readonly metric: Record<string, string>;
  readonly value: number;
}

export interface PrometheusServer {
  readonly url: string;
  /** An instant query through the HTTP API (`/api/v1/query`). */
  query(promql: string): Promise<PromSample[]>;
  /** Its output so far, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

/** A scrape config for `targets`, one target group per process, scraped every `intervalMs`. */
function scrapeConfig(targets: readonly ScrapeTarget[], intervalMs: number): object {
  return {
    global: { scrape_interval: `${intervalMs}ms`, scrape_timeout: `${intervalMs}ms` },
    scrape_configs: [
      {
        job_name: 'stock-bazaar',
        static_configs: targets.map(({ process, url }) => ({ targets: [new URL(url).host], labels: { process } })),
      },
    ],
  };
}

/**
 * Runs the prometheus binary itself (never a system service) on a free loopback port, with a
 * generated config and a temporary storage folder, and waits until it is ready.
 */
export async function startPrometheus(targets: readonly ScrapeTarget[], intervalMs = 500): Promise<PrometheusServer> {
  if (!existsSync(PROMETHEUS_BIN)) {
    throw new Error(`${PROMETHEUS_BIN} not found: apt-get install -y prometheus (or set PROMETHEUS_BIN)`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'stock-bazaar-prometheus-'));
  const config = join(dir, 'prometheus.yml');
  // JSON is YAML, so the config needs no YAML writer.
  await writeFile(config, JSON.stringify(scrapeConfig(targets, intervalMs), null, 2));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [
    `--config.file=${config}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ];
  const child: ChildProcess = spawn(PROMETHEUS_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  const server: PrometheusServer = {
    url,
    output: () => output,
    stop,
    query: async (promql) => {
      const res = await http('GET', `${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
      if (res.status !== 200 || res.body?.status !== 'success') {
        throw new Error(`query ${promql} answered ${res.status}: ${JSON.stringify(res.body)}`);
      }
      return (res.body.data.result as { metric: Record<string, string>; value: [number, string] }[]).map((r) => ({
        metric: r.metric,
        value: Number(r.value[1]),
      }));
    },
  };
  try {
    await waitFor(async () => ((await http('GET', `${url}/-/ready`)).status === 200 ? true : undefined), {
      timeoutMs: 30_000,
      description: `prometheus to be ready on ${url}`,
      abortIf: () => (child.exitCode !== null ? `prometheus exited (${child.exitCode}): ${output}` : undefined),
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return server;
}
