import { AdapterResults, TargetCheck, TradeRun } from './bench-results.types';
import { mean } from './latency-figures';
import { catchUpTarget, failoverTarget, memoryTarget, sizeTarget } from './resource-targets';
import { atMost, count, judge, ms, tradesAt, verdict } from './target-judgement';

export { TARGET_CATCH_UP_ORDERS, TARGET_SIZE_ORDERS } from './resource-targets';

/** 0. Issue #10's side-by-side workload, against half the standard-library peer's figures. */
function sideBySideTarget(result: AdapterResults): TargetCheck | undefined {
  const run = result.sideBySide;
  if (run === undefined) return undefined;
  const cpu = run.cpu?.perRequestMs;
  return {
    goal: 0,
    target: `side by side, 5 clients at p = 0.5 (${result.adapter}): trade p50 ≤ 4.6 ms, CPU/trade ≤ 3.1 ms, lookup p50 ≤ 5.0 ms`,
    status: judge([atMost(run.trade.p50Ms, 4.6), atMost(cpu, 3.1), atMost(run.lookup.p50Ms, 5), run.verified]),
    measured: `trade p50 ${ms(run.trade.p50Ms)}, CPU ${ms(cpu)}, lookup p50 ${ms(run.lookup.p50Ms)} (${count(run.tradesPlaced)} trades ${verdict(run.verified)})`,
  };
}

/** 1. ≥ 1,000 trades/s with p99 ≤ 50 ms on the adapter that was faster at 50 clients. */
function fasterAdapterTarget(results: readonly AdapterResults[]): TargetCheck | undefined {
  const fastest = results
    .map((result) => ({ adapter: result.adapter, run: tradesAt(result, 50) }))
    .filter((entry): entry is { adapter: AdapterResults['adapter']; run: TradeRun } => entry.run !== undefined)
    .sort((a, b) => b.run.rps - a.run.rps)[0];
  if (fastest === undefined) return undefined;
  const { run, adapter } = fastest;
  return {
    goal: 1,
    target: '≥ 1,000 trades/s at 50 clients, p99 ≤ 50 ms, majority-replicated (faster adapter)',
    status: judge([run.rps >= 1000, run.p99Ms <= 50, run.verified]),
    measured: `${count(run.rps)} trades/s, p99 ${run.p99Ms.toFixed(1)} ms (${adapter}, ${verdict(run.verified)})`,
  };
}

/** 1. ≥ 600 trades/s at 50 clients on express, the default adapter. */
function expressThroughputTarget(results: readonly AdapterResults[]): TargetCheck | undefined {
  const express = results.find((result) => result.adapter === 'express');
  const run = express && tradesAt(express, 50);
  if (run === undefined) return undefined;
  return {
    goal: 1,
    target: '≥ 600 trades/s at 50 clients on express, majority-replicated',
    status: judge([run.rps >= 600, run.verified]),
    measured: `${count(run.rps)} trades/s, p99 ${run.p99Ms.toFixed(1)} ms (${verdict(run.verified)})`,
  };
}

/** 2. One client on express: trade p50 ≤ 5 ms and ≤ 8 × the one-client cached lookup's p50. */
function oneClientLatencyTarget(results: readonly AdapterResults[]): TargetCheck | undefined {
  const express = results.find((result) => result.adapter === 'express');
  const run = express && tradesAt(express, 1);
  if (express === undefined || run === undefined) return undefined;
  const lookupP50 = express.lookups?.cachedOneClient.p50Ms;
  const ratio = lookupP50 === undefined ? undefined : run.p50Ms / lookupP50;
  const against =
    ratio === undefined ? 'no one-client lookup run' : `${ratio.toFixed(1)}× the cached lookup's ${ms(lookupP50)}`;
  return {
    goal: 2,
    target: 'one client (express): trade p50 ≤ 5 ms and ≤ 8 × the one-client cached lookup p50',
    status: judge([run.p50Ms <= 5, atMost(ratio, 8), run.verified]),
    measured: `trade p50 ${ms(run.p50Ms)} = ${against}`,
  };
}

/** 3. CPU ms per trade summed over the five processes: ≤ 3 at one client, ≤ 1 at 50. */
function cpuTarget(result: AdapterResults): TargetCheck | undefined {
  const [one, fifty] = [tradesAt(result, 1), tradesAt(result, 50)];
  if (one === undefined && fifty === undefined) return undefined;
  const [oneMs, fiftyMs] = [one?.cpu?.perRequestMs, fifty?.cpu?.perRequestMs];
  return {
    goal: 3,
    target: `CPU per trade, all five processes (${result.adapter}): ≤ 3 ms at 1 client, ≤ 1 ms at 50`,
    status: judge([atMost(oneMs, 3), atMost(fiftyMs, 1)]),
    measured: `1 client ${ms(oneMs)}, 50 clients ${ms(fiftyMs)}`,
  };
}

/** 6. The cached lookup against the baseline that pays the same pipe and filter, measured in turns. */
function lookupTarget(result: AdapterResults): TargetCheck | undefined {
  const turns = result.lookups?.cachedInTurns;
  if (turns === undefined) return undefined;
  return {
    goal: 6,
    target: `cached lookup ≥ 0.9 × NestJS + our pipe/filter (${result.adapter})`,
    status: judge([turns.ratio >= 0.9]),
    measured: `${turns.ratio.toFixed(2)}×, the median of ${turns.pairs} pairs of alternating ${turns.chunkSec}-s chunks${turns.frontendPids ? ', each pair on processes of its own' : ''} (${count(mean(turns.frontendRps))} vs ${count(mean(turns.baselineRps))} req/s on average)`,
  };
}

/** Every target of issue #10 (and the earlier failover and catch-up ones) this run measured, with its figure. */
export function checkTargets(results: readonly AdapterResults[]): TargetCheck[] {
  const perAdapter = (check: (result: AdapterResults) => TargetCheck | undefined): (TargetCheck | undefined)[] =>
    results.map(check);
  return [
    ...perAdapter(sideBySideTarget),
    fasterAdapterTarget(results),
    expressThroughputTarget(results),
    oneClientLatencyTarget(results),
    ...perAdapter(cpuTarget),
    ...perAdapter(sizeTarget),
    ...perAdapter(memoryTarget),
    ...perAdapter(lookupTarget),
    ...perAdapter(failoverTarget),
    ...perAdapter(catchUpTarget),
  ].filter((check): check is TargetCheck => check !== undefined);
}
