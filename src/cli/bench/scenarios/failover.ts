import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { BenchCluster } from '../bench-cluster';
import { BenchContext, mergePeaks } from '../bench-context';
import { FailoverResults, FailoverRound } from '../bench-results.types';
import { longestGapAfterKill, recoveryAfterKill } from '../failover-analysis';
import { startLoad } from '../load';
import { median } from '../latency-figures';
import { PeakRssSampler } from '../process-memory';
import { tradeRequests } from '../trade-verification';
import { quiesce } from './trades';

const now = (): number => performance.timeOrigin + performance.now();

async function failoverRound(
  ctx: BenchContext,
  cluster: BenchCluster,
  rss: Map<string, number>,
): Promise<FailoverRound> {
  await quiesce(cluster);
  const leaderId = await cluster.leaderId();
  const { killAfterMs, afterKillMs, failoverClients } = ctx.sizes;
  const load = startLoad(
    {
      url: cluster.frontendUrl,
      connections: failoverClients,
      durationSec: (killAfterMs + afterKillMs) / 1000,
      requests: tradeRequests(),
      recordEvents: true,
    },
    ctx.pinning.loadLauncher,
  );
  const sampler = new PeakRssSampler(() => cluster.pids());
  let killAt = NaN;
  try {
    await load.started;
    await sleep(killAfterMs);
    killAt = now();
    await cluster.replica(leaderId).kill('SIGKILL');
  } finally {
    // Waited for even when the kill failed, so no load worker outlives the run.
    await load.result.finally(() => mergePeaks(rss, sampler.stop())).catch(() => undefined);
  }
  const result = await load.result;
  const events = result.events ?? [];
  const restartMs = await cluster.startMember(cluster.replica(leaderId));
  return {
    killedReplica: leaderId,
    recoveryMs: recoveryAfterKill(events, killAt),
    longestGapMs: longestGapAfterKill(events, killAt),
    clientErrors: result.non2xx + result.errors,
    trades: result.ok,
    restartMs,
  };
}

/** e) SIGKILL the leader under trade load; time to the first successful trade; restart it between rounds. */
export async function failoverScenario(
  ctx: BenchContext,
  cluster: BenchCluster,
  rss: Map<string, number>,
): Promise<FailoverResults> {
  const rounds: FailoverRound[] = [];
  for (let round = 1; round <= ctx.sizes.failoverRounds; round++) {
    const result = await failoverRound(ctx, cluster, rss);
    rounds.push(result);
    const recovery =
      result.recoveryMs === null
        ? 'no successful trade after the kill'
        : `${result.recoveryMs.toFixed(0)} ms to the first new trade`;
    ctx.progress(
      `failover round ${round}: killed order-${result.killedReplica}, ${recovery}, longest gap ${result.longestGapMs.toFixed(0)} ms, ${result.clientErrors} client errors; restarted in ${result.restartMs.toFixed(0)} ms`,
    );
  }
  const recoveries = rounds.map((round) => round.recoveryMs);
  return {
    rounds,
    medianRecoveryMs: recoveries.includes(null) ? null : median(recoveries as number[]),
    clientErrors: rounds.reduce((sum, round) => sum + round.clientErrors, 0),
  };
}
