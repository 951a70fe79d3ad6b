import { REQUEST_LABELS } from '../load/load.types';
import { KindSummary } from '../load/run-summary';
import { maxInsideAndOutside, outageWindows } from './crash-analysis';
import { CrashExperiment, EvaluationResults, LatencyRun } from './eval-results.types';
import { markdownTable, ms, percent } from './markdown';

function lookupOf(run: LatencyRun | undefined): KindSummary | undefined {
  return run?.latency.find((row) => row.kind === 'lookup');
}

export function latencyTable(runs: readonly LatencyRun[], cache: 'on' | 'off'): string {
  const rows = runs
    .filter((run) => run.cache === cache)
    .flatMap((run) =>
      run.latency
        .filter((row) => row.count > 0)
        .map((row) => [
          String(run.p),
          REQUEST_LABELS[row.kind],
          String(row.count),
          String(row.errors),
          String(row.retries),
          ...[row.mean, row.p50, row.p95, row.p99, row.max].map(ms),
        ]),
    );
  return markdownTable(['p', 'request', 'count', 'errors', 'retries', 'mean', 'p50', 'p95', 'p99', 'max'], rows);
}

export function cacheBenefitTable(results: EvaluationResults): string {
  const rows = results.latencyRuns
    .filter((run) => run.cache === 'on')
    .map((on) => {
      const off = results.latencyRuns.find((run) => run.cache === 'off' && run.p === on.p);
      const [withCache, without] = [lookupOf(on), lookupOf(off)];
      const speedup = withCache && without ? `${(without.mean / withCache.mean).toFixed(2)}×` : '–';
      return [
        String(on.p),
        ms(without?.mean ?? NaN),
        ms(withCache?.mean ?? NaN),
        speedup,
        ms(without?.p95 ?? NaN),
        ms(withCache?.p95 ?? NaN),
        percent(on.hitRatio),
      ];
    });
  return markdownTable(
    ['p', 'lookup mean, cache off', 'lookup mean, cache on', 'speed-up', 'p95 off', 'p95 on', 'hit ratio'],
    rows,
  );
}

export function crashEventTable(crash: CrashExperiment): string {
  const rows = crash.events.map((event) => [
    (event.at / 1000).toFixed(1),
    event.kind === 'kill' ? 'SIGKILL' : 'restart',
    `order-${event.replica}`,
    event.wasLeader ? 'yes' : 'no',
    event.tookMs === undefined ? '' : `${event.tookMs} ms`,
  ]);
  return markdownTable(['t (s)', 'event', 'replica', 'was leader', 'healthy (caught up) after'], rows);
}

export function crashLatencyTable(crash: CrashExperiment): string {
  const rows = crash.latency
    .filter((row) => row.count > 0)
    .map((row) => [
      REQUEST_LABELS[row.kind],
      String(row.count),
      String(row.errors),
      String(row.retries),
      ...[row.mean, row.p50, row.p95, row.p99, row.max].map(ms),
    ]);
  return markdownTable(['request', 'count', 'errors', 'retries', 'mean', 'p50', 'p95', 'p99', 'max'], rows);
}

function tradeLatencyFinding(crash: CrashExperiment, trade: KindSummary): string {
  const windows = outageWindows(crash.events);
  const { inside, outside } = maxInsideAndOutside(crash.bins, windows, 'trade', crash.binSeconds);
  const overall = `Trades took ${ms(trade.p50)} ms at the median, p99 ${ms(trade.p99)} ms, max ${ms(trade.max)} ms.`;
  if (windows.length === 0 || Number.isNaN(inside)) return overall;
  const slower = Number.isNaN(outside) || inside > 1.5 * outside;
  return (
    `${overall} The slowest trade finishing while a replica was down or catching up took ${ms(inside)} ms, ` +
    `against ${ms(outside)} ms at most outside those windows: ` +
    (slower ? 'the failures showed up as latency.' : 'no latency penalty beyond the usual noise.')
  );
}

/** Plain sentences on what the clients saw during the crashes, from the numbers alone. */
export function crashFindings(crash: CrashExperiment): string[] {
  const errors = crash.latency.reduce((sum, row) => sum + row.errors, 0);
  const retries = crash.latency.reduce((sum, row) => sum + row.retries, 0);
  const trade = crash.latency.find((row) => row.kind === 'trade');
  const kills = crash.events.filter((event) => event.kind === 'kill');
  const leaderKills = kills.filter((event) => event.wasLeader).length;
  const { verification, convergence, conservation } = crash;
  return [
    `${kills.length} SIGKILLs (${leaderKills} of the leader) during ${(crash.durationMs / 1000).toFixed(0)} s of load.`,
    errors === 0
      ? `No client request failed: every request got its proper answer${retries > 0 ? ` (${retries} after a client retry on 503 or a lost connection)` : ' without a single client-side retry'}.`
      : `${errors} requests failed for the client even after retries (${retries} retries in all).`,
    trade && trade.count > 0 ? tradeLatencyFinding(crash, trade) : 'No trades were placed.',
    verification.passed
      ? `All ${verification.checked} acknowledged orders read back identically with GET /orders/{n}; no transaction number was handed out twice.`
      : `Verification FAILED: ${verification.mismatches.length} mismatched, ${verification.unreachable} unreadable, ${verification.duplicateNumbers.length} duplicate numbers.`,
    convergence.identical
      ? `After the load the three replicas held identical logs (${Object.values(convergence.lengths)[0]} entries each; compared equal ${convergence.waitedMs} ms after the clients stopped).`
      : `The replica logs were NOT identical after ${convergence.waitedMs} ms: lengths ${JSON.stringify(convergence.lengths)}.`,
    conservation.holds
      ? 'Stock quantities and volumes in the catalog agree with the order log (conservation holds).'
      : `Conservation is broken: ${conservation.problems.join('; ')}.`,
  ];
}
