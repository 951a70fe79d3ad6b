import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { latencyFigures } from './latency-figures';
import { LoadPlan, LoadResult, ResponseEvent } from './load.types';

/**
 * The load generator, run as its own (pinned) process by `runLoad`: `node load-worker.js '<plan json>'`.
 * Prints `{"event":"started"}` once the connections are made and `{"event":"result",...}` at the end.
 */

const now = (): number => performance.timeOrigin + performance.now();

class LatencyBuffer {
  private values = new Float64Array(1 << 14);
  private size = 0;

  push(value: number): void {
    if (this.size === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.size++] = value;
  }

  view(): Float64Array {
    return this.values.subarray(0, this.size);
  }
}

function emit(line: object): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function run(plan: LoadPlan): Promise<LoadResult> {
  const latencies = new LatencyBuffer();
  const statusCodes: Record<string, number> = {};
  const events: ResponseEvent[] = [];
  let ok = 0;
  let non2xx = 0;
  let lastResponseAt = 0;
  const startedAt = now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: plan.url,
        connections: plan.connections,
        ...(plan.amount === undefined ? { duration: plan.durationSec } : { amount: plan.amount }),
        timeout: plan.timeoutSec ?? 10,
        sampleInt: 100,
        requests: plan.requests.map((request) => ({ ...request, headers: { ...request.headers } })),
      },
      (error, done) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done)),
    );
    instance.once('start', () => emit({ event: 'started' }));
    instance.on('response', (_client, status, _bytes, latencyMs) => {
      lastResponseAt = now();
      latencies.push(latencyMs);
      statusCodes[status] = (statusCodes[status] ?? 0) + 1;
      if (status >= 200 && status < 300) ok++;
      else non2xx++;
      if (plan.recordEvents) events.push([lastResponseAt, latencyMs, status]);
    });
  });
  const elapsedMs = Math.max(lastResponseAt - startedAt, 1);
  return {
    connections: plan.connections,
    ok,
    non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    elapsedMs,
    rps: (ok * 1000) / elapsedMs,
    latencyMs: latencyFigures(latencies.view()),
    statusCodes,
    events: plan.recordEvents ? events : undefined,
  };
}

run(JSON.parse(process.argv[2] ?? '{}') as LoadPlan).then(
  (result) => emit({ event: 'result', result }),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
