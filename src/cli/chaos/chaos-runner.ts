import { relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ChaosClients } from './chaos-clients';
import { ChaosCluster } from './chaos-cluster';
import { ChaosOptions } from './chaos-options';
import { ChaosReport, machineInfo } from './chaos-report';
import { readFinalState, readInitialStocks, waitUntilSettled } from './cluster-state';
import { lookUpOrders, replayKeys } from './frontend-checks';
import { checkInvariants } from './invariants';
import { KillEvent } from './chaos.types';
import { Killer } from './killer';

const HEALTH_TIMEOUT_MS = 60_000;
const PROGRESS_EVERY_MS = 5000;
const REPLAYED_KEYS = 50;

export type Say = (line: string) => void;

/** How many kills and pauses, and how many of each hit the leader. */
export function faultCounts(events: readonly KillEvent[]) {
  const count = (action: KillEvent['action'], leader: boolean) =>
    events.filter((event) => event.action === action && (!leader || event.wasLeader)).length;
  return {
    kills: count('kill', false),
    leaderKills: count('kill', true),
    pauses: count('pause', false),
    leaderPauses: count('pause', true),
  };
}

function progressLine(clients: ChaosClients, killer: Killer): string {
  const c = clients.counts();
  const { kills, leaderKills, pauses, leaderPauses } = faultCounts(killer.kills);
  const down = killer.down ? `, down: ${killer.down}` : '';
  return (
    `trades ok ${c.acknowledged}, retried ${c.retried}, refused ${c.refused}, in flight ${c.pending}` +
    `${c.rejected > 0 ? `, UNEXPECTED ${c.rejected}` : ''}; kills ${kills} (leader ${leaderKills})` +
    `${pauses > 0 ? `, pauses ${pauses} (leader ${leaderPauses})` : ''}${down}`
  );
}

/** Clients trade and the killer kills for `options.seconds`; then everything is brought back and checked. */
async function trade(cluster: ChaosCluster, options: ChaosOptions, say: Say) {
  const initialStocks = await readInitialStocks(cluster);
  const started = Date.now();
  const clock = (): number => Date.now() - started;
  const clients = new ChaosClients({
    frontendUrls: cluster.frontendUrls,
    clients: options.clients,
    seed: options.seed,
    stocks: initialStocks.map((stock) => stock.name),
    clock,
  });
  const killer = new Killer(cluster, {
    ...options,
    everyMs: options.killEveryMs,
    healthTimeoutMs: HEALTH_TIMEOUT_MS,
    clock,
    say,
  });
  const progress = setInterval(() => say(progressLine(clients, killer)), PROGRESS_EVERY_MS);
  try {
    clients.start();
    killer.start();
    await sleep(options.seconds * 1000);
    say('time is up: clients finish their current trade, the killer stops');
    clients.stop();
    await killer.stop();
    const restarted = await cluster.startMissing(HEALTH_TIMEOUT_MS).catch((error: unknown) => {
      say(`could not bring every process back: ${String(error).split('\n')[0]}`);
      return [];
    });
    if (restarted.length > 0) say(`restarted ${restarted.join(', ')}`);
    const clientSummaries = await clients.drain(options.drainTimeoutMs);
    say(progressLine(clients, killer));
    return { initialStocks, clients, killer, clientSummaries, tradingSeconds: clock() / 1000 };
  } finally {
    clearInterval(progress);
  }
}

export async function runChaos(options: ChaosOptions, say: Say): Promise<ChaosReport> {
  const runStarted = Date.now();
  say(
    `starting a cluster of ${options.frontends} frontend(s) and ${options.catalogs} catalog(s) ` +
      `(heartbeat ${options.heartbeatMs} ms) …`,
  );
  const cluster = await ChaosCluster.start({
    frontends: options.frontends,
    catalogs: options.catalogs,
    postgres: options.postgres,
    heartbeatMs: options.heartbeatMs,
    restockMs: options.restockMs,
    restockThreshold: options.restockThreshold,
    healthTimeoutMs: HEALTH_TIMEOUT_MS,
    logs: options.logs,
  });
  const killOnExit = (): void => cluster.killAllNow();
  process.on('exit', killOnExit);
  try {
    say(`cluster up in ${cluster.dataDir}, catalogs on ${cluster.storage}`);
    say(`${options.clients} clients trade for ${options.seconds} s, seed ${options.seed}`);
    const run = await trade(cluster, options, say);
    say(`resending ${REPLAYED_KEYS} acknowledged keys, then waiting for the replicas to settle …`);
    const replays = await replayKeys(cluster.frontendUrl, run.clients.trades, REPLAYED_KEYS);
    const settle = await waitUntilSettled(cluster, options.settleTimeoutMs);
    const state = await readFinalState(cluster);
    const acknowledged = run.clients.trades.flatMap((t) =>
      t.outcome === 'acknowledged' && t.number !== undefined ? [t.number] : [],
    );
    const frontendOrders = await lookUpOrders(cluster.frontendUrl, acknowledged);
    const invariants = checkInvariants({
      ...state,
      ...run,
      trades: run.clients.trades,
      clients: run.clientSummaries,
      frontendOrders,
      replays,
    });
    const { help: _help, logs: _logs, postgres, ...config } = options;
    return {
      passed: settle.settled && invariants.every((inv) => inv.pass),
      config: {
        ...config,
        ...(postgres ? { postgres: 'local' in postgres ? 'local' : 'url' } : {}),
        reportDir: relative(process.cwd(), options.reportDir) || '.',
      },
      storage: cluster.storage,
      machine: machineInfo(),
      tradingSeconds: run.tradingSeconds,
      totalSeconds: (Date.now() - runStarted) / 1000,
      settle,
      counts: {
        ...run.clients.counts(),
        ...faultCounts(run.killer.kills),
        crashes: run.killer.crashes.length,
        logEntries: state.log.length,
        journalTrades: 'unreadable' in state.journal ? undefined : state.journal.length,
        restocks: 'unreadable' in state.restocks ? undefined : state.restocks.length,
      },
      kills: run.killer.kills,
      crashes: run.killer.crashes,
      clients: run.clientSummaries,
      invariants,
    };
  } finally {
    say('stopping the cluster …');
    await cluster.stop();
    process.off('exit', killOnExit);
  }
}
