import { AdapterResults, AlternationSide, SideBySideResults } from './bench-results.types';
import { fixed, ratio, Table } from './bench-rows';
import { div } from './figure-rows';
import { tradesAt } from './target-judgement';

/** The standard-library peer of issue #10's side-by-side table (not measured by this run). */
const PEER = { tradeP50Ms: 9.2, lookupP50Ms: 5.0, rps: 756, cpuMsPerTrade: 6.2 };

/** Issue #10's side-by-side workload, with the standard-library peer's figures quoted from the issue. */
export function sideBySideTable(run: SideBySideResults | undefined): Table | undefined {
  if (run === undefined) return undefined;
  const cpu = run.cpu?.perRequestMs;
  const errors = run.lookup.errors + run.trade.errors;
  return {
    headers: ['', 'trade p50 ms', 'lookup p50 ms', 'requests/s', 'CPU ms per trade', 'trades', 'errors', 'verified'],
    rows: [
      [
        'this run',
        fixed(run.trade.p50Ms, 2),
        fixed(run.lookup.p50Ms, 2),
        fixed(run.rps),
        fixed(cpu, 2),
        `${run.tradesPlaced} (+${run.tradesRefused} refused)`,
        String(errors),
        run.verified ? 'yes' : 'NO',
      ],
      [
        'stdlib peer (issue #10, not this run)',
        fixed(PEER.tradeP50Ms, 2),
        fixed(PEER.lookupP50Ms, 2),
        String(PEER.rps),
        fixed(PEER.cpuMsPerTrade, 2),
        '',
        '',
        '',
      ],
      [
        'this run ÷ peer',
        ratio(run.trade.p50Ms / PEER.tradeP50Ms),
        ratio(run.lookup.p50Ms / PEER.lookupP50Ms),
        ratio(run.rps / PEER.rps),
        ratio(div(cpu, PEER.cpuMsPerTrade)),
        '',
        '',
        '',
      ],
      ['goal 0', '≤ 4.60', '≤ 5.00', '', '≤ 3.10', '', '', ''],
    ],
  };
}

/**
 * The 50-client trade runs on the fresh cluster and once the log was filled (minutes apart), then
 * the filled cluster against a fresh one in alternating chunks, whose ratio target 4 judges.
 */
export function sizeTable(result: AdapterResults): Table | undefined {
  const size = result.size;
  if (size === undefined) return undefined;
  const fresh = tradesAt(result, 50);
  const line = (label: string, run: typeof fresh, vs: string): string[] =>
    run === undefined
      ? [label, '', '', '', '', '', '', vs]
      : [
          label,
          run.ordersBefore.toLocaleString('en-US'),
          fixed(run.rps),
          fixed(run.p50Ms, 2),
          fixed(run.p99Ms, 2),
          fixed(run.cpu?.perRequestMs, 2),
          run.verified ? `ok (+${run.logGrowth})` : 'FAILED',
          vs,
        ];
  const { alternation } = size;
  // Every chunk is checked against the log as it ends; a failed one stops the run.
  const turn = (label: string, side: AlternationSide, vs: string): string[] => [
    label,
    side.ordersBefore.toLocaleString('en-US'),
    fixed(side.tradesPerSec),
    '',
    '',
    fixed(side.cpuMsPerTrade, 2),
    `ok (+${side.trades})`,
    vs,
  ];
  const filled = size.filled ? '' : ` (target ${size.targetOrders.toLocaleString('en-US')} NOT reached)`;
  return {
    headers: [
      'cluster',
      'orders in log',
      'trades/s',
      'p50 ms',
      'p99 ms',
      'CPU ms/trade',
      'replication check',
      'vs fresh',
    ],
    rows: [
      line('fresh', fresh, ''),
      line(`filled${filled}`, size.run, ratio(size.sequentialRatio)),
      turn('fresh, in turns', alternation.fresh, ''),
      turn(
        'filled, in turns',
        alternation.filled,
        ratio(alternation.filled.tradesPerSec / alternation.fresh.tradesPerSec),
      ),
    ],
  };
}

export function sizeNote(size: AdapterResults['size']): string | undefined {
  if (size === undefined) return undefined;
  const orders = (value: number): string => value.toLocaleString('en-US');
  const fill =
    size.fillTrades === 0
      ? `The log already held ${orders(size.ordersBefore)} orders (target ${orders(size.targetOrders)}): nothing to fill.`
      : `Filled from ${orders(size.ordersBefore)} to ${orders(size.ordersInLog)} orders (target ${orders(size.targetOrders)}) with ${orders(size.fillTrades)} trades from 50 clients in ${(size.fillMs / 1000).toFixed(1)} s; the measured run's warm-up added the rest.`;
  const { pairs, chunkTrades, pairRatios } = size.alternation;
  const each = pairRatios.map((value) => `${value.toFixed(2)}×`).join(', ');
  return `${fill} "In turns": the filled cluster and a fresh one started beside it, ${pairs} chunks of ${orders(chunkTrades)} trades each, alternating, the other frozen; filled ÷ fresh pair by pair: ${each}, median ${size.ratioToFresh.toFixed(2)}× (target 4).`;
}
