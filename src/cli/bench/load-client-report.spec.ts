import { parseLoadClientReport, sideBySideFigures } from './load-client-report';

const REPORT = {
  clients: 5,
  p: 0.5,
  seed: 10,
  startedAt: 1_700_000_000_000,
  loadDurationMs: 2000,
  latency: [
    { kind: 'lookup', count: 600, errors: 0, retries: 0, mean: 1.6, p50: 1.5, p95: 3, p99: 4, max: 9 },
    { kind: 'trade', count: 300, errors: 1, retries: 2, mean: 4.2, p50: 4, p95: 8, p99: 12, max: 30 },
    { kind: 'orderQuery', count: 290, errors: 0, retries: 0, mean: 1, p50: 1, p95: 2, p99: 3, max: 4 },
  ],
  trades: { placed: 290, refused: 9 },
  verification: { passed: true, checked: 290, matched: 290, mismatches: [], unreachable: 0, duplicateNumbers: [] },
};

describe(parseLoadClientReport.name, () => {
  it('reads the JSON report of `load-client.js --json`', () => {
    expect(parseLoadClientReport(JSON.stringify(REPORT, null, 2))).toMatchObject({ startedAt: REPORT.startedAt });
  });

  it('refuses output that is no report, quoting it', () => {
    expect(() => parseLoadClientReport('load client failed: ECONNREFUSED')).toThrow(
      /no JSON report: load client failed/,
    );
    expect(() => parseLoadClientReport(JSON.stringify({ ...REPORT, startedAt: undefined }))).toThrow(/unexpected/);
  });
});

describe(sideBySideFigures.name, () => {
  it('takes lookups and trades (not the verification queries) as the requests of the load phase', () => {
    const sut = sideBySideFigures(parseLoadClientReport(JSON.stringify(REPORT)), 120, 3);
    expect(sut).toMatchObject({ requests: 900, rps: 450, tradesPlaced: 290, tradesRefused: 9, verified: true });
    expect(sut.trade).toEqual({ count: 300, errors: 1, meanMs: 4.2, p50Ms: 4, p95Ms: 8, p99Ms: 12 });
    expect(sut).toMatchObject({ iterations: 120, exitCode: 3, durationMs: 2000 });
  });

  it('answers NaN latencies for a request type that never ran (JSON has null for NaN)', () => {
    const noTrades = {
      ...REPORT,
      latency: [{ ...REPORT.latency[0] }, { kind: 'trade', count: 0, errors: 0, p50: null }],
    };
    expect(sideBySideFigures(parseLoadClientReport(JSON.stringify(noTrades)), 10, 0).trade.p50Ms).toBeNaN();
  });
});
