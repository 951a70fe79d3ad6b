import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BenchCluster } from '../bench-cluster';
import { BenchContext } from '../bench-context';
import { SideBySideResults } from '../bench-results.types';
import { windowTicks, CpuTimeline } from '../cpu-timeline';
import { LoadClientReport, parseLoadClientReport, sideBySideFigures } from '../load-client-report';
import { cpuCost } from '../process-cpu';
import { quiesce } from './trades';

const LOAD_CLIENT = join(__dirname, '..', '..', 'load-client.js');
/** Issue #10's workload: 5 clients, each looping "look up a random stock, then trade it with p = 0.5". */
const CLIENTS = 5;
const P = 0.5;
const SEED = 10;

interface ClientRun {
  readonly report: LoadClientReport;
  readonly exitCode: number | null;
}

/** Runs the load client (under the load launcher) to its end; its progress lines go to the bench's. */
function runLoadClient(ctx: BenchContext, args: readonly string[]): Promise<ClientRun> {
  const launcher = ctx.pinning.loadLauncher ?? [];
  const [command, ...prefix] = launcher.length > 0 ? launcher : [process.execPath];
  const argv = launcher.length > 0 ? [...prefix, process.execPath, LOAD_CLIENT, ...args] : [LOAD_CLIENT, ...args];
  const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', (line) =>
    ctx.progress(`side-by-side: load client ${line}`),
  );
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => {
      try {
        resolve({ report: parseLoadClientReport(Buffer.concat(stdout).toString('utf8')), exitCode });
      } catch (error) {
        reject(new Error(`${error instanceof Error ? error.message : String(error)} (exit ${exitCode})`));
      }
    });
  });
}

/**
 * g) Our own load client with issue #10's side-by-side workload, cache on: latency per request type,
 * requests/s, and the CPU of all five processes over the load phase ÷ successful trades.
 */
export async function sideBySideScenario(ctx: BenchContext, cluster: BenchCluster): Promise<SideBySideResults> {
  const workload = (iterations: number, seed: number) => [
    ...['--url', cluster.frontendUrl, '--clients', String(CLIENTS), '--iterations', String(iterations)],
    ...['--p', String(P), '--seed', String(seed), '--json'],
  ];
  const warmup = ctx.sizes.sideBySideWarmupIterations;
  ctx.progress(`side-by-side: warm-up, ${CLIENTS} clients × ${warmup} lookups, trade with p = ${P}`);
  const warm = await runLoadClient(ctx, workload(warmup, SEED + 1));
  if (warm.exitCode !== 0) throw new Error(`side-by-side warm-up: the load client exited with ${warm.exitCode}`);
  await quiesce(cluster);
  const iterations = ctx.sizes.sideBySideIterations;
  ctx.progress(`side-by-side: load client, ${CLIENTS} clients × ${iterations} lookups, trade with p = ${P}`);
  const timeline = new CpuTimeline(() => cluster.pids());
  let run: ClientRun;
  try {
    run = await runLoadClient(ctx, workload(iterations, SEED));
  } finally {
    timeline.stop();
  }
  const { report, exitCode } = run;
  const figures = sideBySideFigures(report, iterations, exitCode);
  const ticks = windowTicks(timeline.stop(), report.startedAt, report.startedAt + report.loadDurationMs);
  const results = {
    ...figures,
    cpu: ticks && cpuCost(ticks, figures.tradesPlaced),
    warmup: { iterations: warmup, tradesPlaced: warm.report.trades.placed },
  };
  const cpu = results.cpu ? `${results.cpu.perRequestMs.toFixed(2)} ms` : 'not measured';
  ctx.progress(
    `side-by-side: trade p50 ${figures.trade.p50Ms.toFixed(2)} ms, lookup p50 ${figures.lookup.p50Ms.toFixed(2)} ms, ${Math.round(figures.rps)} req/s, CPU per trade ${cpu}; ${figures.tradesPlaced} trades ${figures.verified ? 'verified' : 'NOT verified'} (exit ${exitCode})`,
  );
  return results;
}
