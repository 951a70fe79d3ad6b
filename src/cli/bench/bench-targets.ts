import { AdapterResults, TargetCheck, TargetStatus } from './bench-results.types';

export const TARGET_CATCH_UP_ORDERS = 10_000;
const RSS_LIMIT_MB = 120;

const status = (ok: boolean): TargetStatus => (ok ? 'met' : 'missed');
const rps = (value: number): string => `${Math.round(value).toLocaleString('en-US')}`;

function lookupTarget(result: AdapterResults): TargetCheck | undefined {
  const ratio = result.lookups?.cachedRatio.nest;
  const nest = result.lookups?.baselines.nest;
  if (ratio === undefined || nest === undefined || result.lookups === undefined) return undefined;
  return {
    target: `cached lookup ≥ 0.9 × bare NestJS (${result.adapter})`,
    status: status(ratio >= 0.9),
    measured: `${ratio.toFixed(2)}× (${rps(result.lookups.cached.rps)} vs ${rps(nest.rps)} req/s)`,
  };
}

function tradeTarget(results: readonly AdapterResults[]): TargetCheck | undefined {
  const at50 = results
    .map((result) => ({ adapter: result.adapter, run: result.trades?.find((run) => run.connections === 50) }))
    .filter((entry) => entry.run !== undefined)
    .sort((a, b) => (b.run?.rps ?? 0) - (a.run?.rps ?? 0))[0];
  if (at50?.run === undefined) return undefined;
  const { run, adapter } = at50;
  return {
    target: '≥ 1,000 trades/s at 50 clients, p99 ≤ 50 ms, majority-replicated (faster adapter)',
    status: status(run.rps >= 1000 && run.p99Ms <= 50 && run.verified),
    measured: `${rps(run.rps)} trades/s, p99 ${run.p99Ms.toFixed(1)} ms (${adapter}${run.verified ? ', verified' : ', NOT verified'})`,
  };
}

function failoverTarget(result: AdapterResults): TargetCheck | undefined {
  const failover = result.failover;
  if (failover === undefined) return undefined;
  const median = failover.medianRecoveryMs;
  return {
    target: `failover ≤ 1 s median, 0 client-visible errors (${result.adapter})`,
    status: status(median !== null && median <= 1000 && failover.clientErrors === 0),
    measured: `${median === null ? 'no recovery' : `${median.toFixed(0)} ms`} median of ${failover.rounds.length}, ${failover.clientErrors} errors`,
  };
}

function catchUpTarget(result: AdapterResults): TargetCheck | undefined {
  const catchUp = result.catchUp;
  if (catchUp === undefined) return undefined;
  const fullSize = catchUp.missedOrders >= TARGET_CATCH_UP_ORDERS;
  return {
    target: `catch-up of 10,000 orders ≤ 2 s (${result.adapter})`,
    status: fullSize ? status(catchUp.catchUpMs <= 2000 && catchUp.caughtUp) : 'not measured',
    measured: `${catchUp.catchUpMs.toFixed(0)} ms for ${catchUp.missedOrders.toLocaleString('en-US')} orders${fullSize ? '' : ' (smaller than the target size)'}`,
  };
}

function memoryTarget(result: AdapterResults): TargetCheck | undefined {
  const entries = Object.entries(result.memory.underLoad);
  if (entries.length === 0) return undefined;
  const [name, peak] = entries.reduce((max, entry) => (entry[1] > max[1] ? entry : max));
  return {
    target: `≤ ${RSS_LIMIT_MB} MB RSS per role under load (${result.adapter})`,
    status: status(peak <= RSS_LIMIT_MB),
    measured: `largest ${peak.toFixed(0)} MB (${name})`,
  };
}

/** Every target of the issue that this run measured, as met / missed / not measured, with its figure. */
export function checkTargets(results: readonly AdapterResults[]): TargetCheck[] {
  const perAdapter = (check: (result: AdapterResults) => TargetCheck | undefined): (TargetCheck | undefined)[] =>
    results.map(check);
  return [
    ...perAdapter(lookupTarget),
    tradeTarget(results),
    ...perAdapter(failoverTarget),
    ...perAdapter(catchUpTarget),
    ...perAdapter(memoryTarget),
  ].filter((check): check is TargetCheck => check !== undefined);
}
