import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { HttpAdapterName } from '../../config/app-config';
import { ROLE_NODE_FLAGS } from '../../shared/runtime/role-node-flags';
import { machineInfo, withEndLoad } from '../evaluation/machine-info';
import { BenchCluster } from './bench-cluster';
import { BenchContext, rssRecord } from './bench-context';
import { BenchOptions, ScenarioName } from './bench-options';
import { consoleReport, markdownReport } from './bench-report';
import { AdapterResults, BenchResults } from './bench-results.types';
import { checkTargets } from './bench-targets';
import { cpuPinning } from './cpu-pinning';
import { clockTicksPerSecond } from './process-cpu';
import { residentNow } from './process-memory';
import { catchUpScenario } from './scenarios/catch-up';
import { failoverScenario } from './scenarios/failover';
import { lookupScenario } from './scenarios/lookups';
import { sideBySideScenario } from './scenarios/side-by-side';
import { sizeScenario } from './scenarios/size';
import { orderQueryScenario, tradeScenario } from './scenarios/trades';

/** Lets idle RSS settle after start-up (lazy module loading, first GC). */
const IDLE_SETTLE_MS = 1000;

async function benchAdapter(ctx: BenchContext, adapter: HttpAdapterName): Promise<AdapterResults> {
  const wants = (name: ScenarioName): boolean => ctx.options.scenarios.includes(name);
  const clusterRss = new Map<string, number>();
  const baselineRss = new Map<string, number>();
  ctx.progress('starting the cluster');
  const cpuProfDir = ctx.options.cpuProfDir ? join(ctx.options.cpuProfDir, adapter) : undefined;
  const cluster = await BenchCluster.start({ ...ctx.clusterSettings(adapter), cpuProfDir });
  const forget = ctx.onAbort(() => cluster.killNow());
  try {
    await sleep(IDLE_SETTLE_MS);
    const idle = residentNow(() => cluster.pids());
    ctx.progress(`cluster up at ${cluster.frontendUrl}`);
    const lookups = wants('lookups') ? await lookupScenario(ctx, cluster, adapter, clusterRss, baselineRss) : undefined;
    const trades = wants('trades') ? await tradeScenario(ctx, cluster, clusterRss) : undefined;
    const sideBySide = wants('sidebyside') ? await sideBySideScenario(ctx, cluster) : undefined;
    // Right after the fresh runs, so that only the log's size differs (same leader, same processes).
    const fresh = trades?.find((run) => run.connections === 50);
    const size = wants('size') ? await sizeScenario(ctx, adapter, cluster, clusterRss, fresh) : undefined;
    const orderQueries = wants('orders') ? await orderQueryScenario(ctx, cluster, clusterRss) : undefined;
    const failover = wants('failover') ? await failoverScenario(ctx, cluster, clusterRss) : undefined;
    const catchUp = wants('catchup') ? await catchUpScenario(ctx, cluster, clusterRss) : undefined;
    const memory = {
      idle: rssRecord(idle),
      underLoad: rssRecord(clusterRss),
      baselinesUnderLoad: rssRecord(baselineRss),
    };
    return { adapter, lookups, trades, sideBySide, orderQueries, failover, catchUp, size, memory };
  } finally {
    ctx.progress('stopping the cluster');
    await cluster.stop();
    forget();
  }
}

/** Runs every scenario for every adapter, prints the tables and writes results.json and BENCHMARKS.md. */
export async function runBench(ctx: BenchContext): Promise<BenchResults> {
  const { options } = ctx;
  const machine = machineInfo();
  ctx.progress(`mode ${options.mode}; adapters ${options.adapters.join(', ')}; ${ctx.pinning.description}`);
  const adapters: AdapterResults[] = [];
  for (const adapter of options.adapters) {
    ctx.section = adapter;
    adapters.push(await benchAdapter(ctx, adapter));
  }
  ctx.section = '';
  const results: BenchResults = {
    mode: options.mode,
    sizes: options.sizes,
    scenarios: options.scenarios,
    machine: withEndLoad(machine),
    pinning: ctx.pinning.description,
    clusterEnv: options.clusterEnv,
    nodeFlags: options.nodeFlags,
    roleNodeFlags: ROLE_NODE_FLAGS,
    clockTicksPerSec: clockTicksPerSecond(),
    cpuProfDir: options.cpuProfDir,
    durationSec: ctx.elapsedSec(),
    adapters,
    targets: checkTargets(adapters),
  };
  await write(options, results);
  console.log(`\n${consoleReport(results)}\n`);
  ctx.progress(
    `wrote ${relative(process.cwd(), join(options.outDir, 'results.json'))} and ${relative(process.cwd(), options.markdownFile)}`,
  );
  return results;
}

async function write(options: BenchOptions, results: BenchResults): Promise<void> {
  await mkdir(options.outDir, { recursive: true });
  await writeFile(join(options.outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(options.markdownFile, markdownReport(results));
}

export function benchContext(options: BenchOptions): BenchContext {
  return new BenchContext(options, cpuPinning(options.pin, options.serverCpus, options.loadCpus));
}
