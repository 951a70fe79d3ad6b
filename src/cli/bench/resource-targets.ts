import { AdapterResults, RssByProcess, TargetCheck } from './bench-results.types';
import { count, judge, largestPeak, tradesAt, verdict } from './target-judgement';

export const TARGET_CATCH_UP_ORDERS = 10_000;
export const TARGET_SIZE_ORDERS = 100_000;
const RSS_FACTOR = 1.3;

/** 4. Trades/s at 50 clients with 100,000 orders in the log within 10 % of a fresh cluster's, in alternating chunks. */
export function sizeTarget(result: AdapterResults): TargetCheck | undefined {
  const size = result.size;
  if (size === undefined) return undefined;
  const fullSize = size.targetOrders >= TARGET_SIZE_ORDERS;
  const { filled, fresh, pairs, chunkTrades } = size.alternation;
  const sound = [size.filled, size.run.verified];
  // Below the target size only a failed fill or check counts: the ratio is not the target's.
  const status = fullSize ? judge([size.ratioToFresh >= 0.9, ...sound]) : judge(sound);
  const against = `${size.ratioToFresh.toFixed(2)}×, the median of ${pairs} pairs of alternating chunks of ${count(chunkTrades)} trades (${count(filled.tradesPerSec)} vs ${count(fresh.tradesPerSec)} trades/s in all)`;
  return {
    goal: 4,
    target: `trades/s at 50 clients with 100,000 orders in the log ≥ 0.9 × fresh (${result.adapter})`,
    status: fullSize || status === 'missed' ? status : 'not measured',
    measured: `${against} with ${count(filled.ordersBefore)} orders, ${verdict(size.run.verified)}${fullSize ? '' : ' (smaller than the target size)'}`,
  };
}

/** 5. Peak RSS of each role during the 50-client trade run against the bare NestJS baseline's peak. */
export function memoryTarget(result: AdapterResults): TargetCheck | undefined {
  const largest = largestPeak(tradesAt(result, 50)?.peakRssMb ?? {});
  if (largest === undefined) return undefined;
  const { name, mb: peak } = largest;
  const { nest, 'nest-libraries': libraries } = result.memory.baselinesUnderLoad as Partial<RssByProcess>;
  const ratio = nest === undefined ? undefined : peak / nest;
  // Not judged: how much of the gap the libraries every role loads account for by themselves.
  const withLibraries =
    libraries === undefined
      ? ''
      : `; NestJS with the roles' libraries ${libraries.toFixed(0)} MB, the role ${(peak / libraries).toFixed(2)}× that`;
  return {
    goal: 5,
    target: `peak RSS of each role in 50-client trades ≤ ${RSS_FACTOR} × bare NestJS's peak (${result.adapter})`,
    status: judge([ratio === undefined ? undefined : ratio <= RSS_FACTOR]),
    measured: `largest ${peak.toFixed(0)} MB (${name})${nest === undefined ? ', no baseline run' : ` = ${(peak / nest).toFixed(2)}× ${nest.toFixed(0)} MB`}${withLibraries}`,
  };
}

export function failoverTarget(result: AdapterResults): TargetCheck | undefined {
  const failover = result.failover;
  if (failover === undefined) return undefined;
  const median = failover.medianRecoveryMs;
  return {
    target: `failover ≤ 1 s median, 0 client-visible errors (${result.adapter})`,
    status: judge([median !== null && median <= 1000, failover.clientErrors === 0]),
    measured: `${median === null ? 'no recovery' : `${median.toFixed(0)} ms`} median of ${failover.rounds.length}, ${failover.clientErrors} errors`,
  };
}

export function catchUpTarget(result: AdapterResults): TargetCheck | undefined {
  const catchUp = result.catchUp;
  if (catchUp === undefined) return undefined;
  const fullSize = catchUp.missedOrders >= TARGET_CATCH_UP_ORDERS;
  return {
    target: `catch-up of 10,000 orders ≤ 2 s (${result.adapter})`,
    status: fullSize ? judge([catchUp.catchUpMs <= 2000, catchUp.caughtUp]) : 'not measured',
    measured: `${catchUp.catchUpMs.toFixed(0)} ms for ${catchUp.missedOrders.toLocaleString('en-US')} orders${fullSize ? '' : ' (smaller than the target size)'}`,
  };
}
