import { setTimeout as sleep } from 'node:timers/promises';
import { OrderRecord } from '../../shared/contracts';
import { LoadResult, runLoad } from '../load/load-run';
import { verificationPassed } from '../load/load.types';
import { clientSeed, Prng } from '../load/prng';
import { summarizeByKind } from '../load/run-summary';
import { binSamples, checkConservation } from './crash-analysis';
import { EvalCluster } from './eval-cluster';
import { EvalPlan } from './eval-options';
import { ConvergenceCheck, CrashEvent, CrashExperiment } from './eval-results.types';
import { LOAD_DEFAULTS, Say } from './latency-experiment';

const CONVERGENCE_TIMEOUT_MS = 30_000;

type WallEvent = Omit<CrashEvent, 'at'> & { readonly wallAt: number };

/** Even cycles kill the leader, odd ones a replica drawn at random (the leader may be drawn again). */
async function killAndRestart(cluster: EvalCluster, plan: EvalPlan, random: Prng, say: Say): Promise<WallEvent[]> {
  const { cycles, settleMs, downMs } = plan.crash;
  const events: WallEvent[] = [];
  await sleep(settleMs);
  for (let cycle = 0; cycle < cycles; cycle++) {
    const leader = await cluster.leaderId();
    const victim = cycle % 2 === 0 && leader !== undefined ? leader : random.pick(cluster.replicaIds);
    const wasLeader = victim === leader;
    say(`crash: cycle ${cycle + 1}/${cycles}: SIGKILL order-${victim}${wasLeader ? ' (the leader)' : ''}`);
    events.push({ wallAt: Date.now(), kind: 'kill', replica: victim, wasLeader });
    await cluster.killReplica(victim);
    await sleep(downMs);
    const spawnedAt = Date.now();
    await cluster.restartReplica(victim);
    const tookMs = Date.now() - spawnedAt;
    say(`crash: order-${victim} is back and caught up after ${tookMs} ms`);
    events.push({ wallAt: spawnedAt, kind: 'restart', replica: victim, wasLeader, tookMs });
    await sleep(settleMs);
  }
  return events;
}

/** Polls the three logs until they are identical, or gives up after the timeout. */
async function waitForConvergence(cluster: EvalCluster): Promise<{ check: ConvergenceCheck; log: OrderRecord[] }> {
  const started = Date.now();
  for (;;) {
    const logs = await Promise.all(cluster.replicaIds.map((id) => cluster.log(id)));
    const identical = logs.every((log) => JSON.stringify(log) === JSON.stringify(logs[0]));
    if (identical || Date.now() - started > CONVERGENCE_TIMEOUT_MS) {
      const lengths = Object.fromEntries(cluster.replicaIds.map((id, index) => [id, logs[index].length]));
      return { check: { identical, lengths, waitedMs: Date.now() - started }, log: logs[0] };
    }
    await sleep(250);
  }
}

/** Clients trade while replicas are killed and restarted; then orders, logs and stock levels are checked. */
export async function runCrashExperiment(plan: EvalPlan, seed: number, say: Say): Promise<CrashExperiment> {
  const { p, binSeconds } = plan.crash;
  say('crash: starting a cluster');
  const cluster = await EvalCluster.start({ cacheEnabled: true });
  try {
    const before = await cluster.stocks();
    const restockedBefore = (await cluster.restocks()).length;
    let stop = false;
    const load = runLoad({
      ...LOAD_DEFAULTS,
      url: cluster.frontendUrl,
      clients: plan.clients,
      p,
      seed,
      stop: () => stop,
    });
    const chaos = killAndRestart(cluster, plan, new Prng(clientSeed(seed, 99)), say).finally(() => (stop = true));
    const [loaded, killed] = await Promise.allSettled([load, chaos]);
    if (killed.status === 'rejected') throw killed.reason;
    if (loaded.status === 'rejected') throw loaded.reason;
    const result: LoadResult = loaded.value;
    const { check: convergence, log } = await waitForConvergence(cluster);
    const restocks = (await cluster.restocks()).slice(restockedBefore);
    const conservation = checkConservation(before, await cluster.stocks(), log, restocks);
    say(
      `crash: ${result.orders.length} orders, verification ${verificationPassed(result.verification) ? 'PASS' : 'FAIL'}, ` +
        `replicas ${convergence.identical ? 'identical' : 'DIFFERENT'}, conservation ${conservation.holds ? 'holds' : 'BROKEN'}`,
    );
    return {
      p,
      clients: plan.clients,
      durationMs: result.loadDurationMs,
      events: killed.value.map(({ wallAt, ...event }) => ({ ...event, at: wallAt - result.startedAt })),
      latency: summarizeByKind(result.samples),
      bins: binSamples(result.samples, binSeconds),
      binSeconds,
      placed: result.orders.length,
      refused: result.rejected,
      verification: { ...result.verification, passed: verificationPassed(result.verification) },
      convergence,
      conservation,
    };
  } finally {
    await cluster.stop();
  }
}
