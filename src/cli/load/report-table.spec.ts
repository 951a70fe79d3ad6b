import { PlacedOrder, Verification } from './load.types';
import { formatLatencyTable, formatVerification } from './report-table';
import { summarizeByKind } from './run-summary';

const order: PlacedOrder = { number: 3, name: 'FishCo', type: 'sell', quantity: 1, client: 0 };
const passed: Verification = { checked: 2, matched: 2, mismatches: [], unreachable: 0, duplicateNumbers: [] };

describe(formatLatencyTable.name, () => {
  it('prints one aligned row per request type', () => {
    const summaries = summarizeByKind([
      { kind: 'lookup', client: 0, at: 0, latencyMs: 2, status: 200, ok: true, retries: 0 },
      { kind: 'lookup', client: 0, at: 1, latencyMs: 4, status: 200, ok: true, retries: 0 },
      { kind: 'trade', client: 0, at: 2, latencyMs: 30, status: 503, ok: false, retries: 2 },
    ]);
    const sut = formatLatencyTable(summaries).split('\n');
    expect(sut[0]).toMatch(/^request\s+count\s+errors\s+retries\s+mean\s+p50\s+p95\s+p99\s+max$/);
    expect(sut[1]).toMatch(/^lookup\s+2\s+0\s+0\s+3\.00\s+2\.00\s+4\.00\s+4\.00\s+4\.00$/);
    expect(sut[2]).toMatch(/^trade\s+1\s+1\s+2\s+30\.00/);
    expect(sut[3]).toMatch(/^order query\s+0\s+0\s+0\s+-\s+-/);
    expect(new Set(sut.slice(0, 4).map((line) => line.length)).size).toBe(1);
  });
});

describe(formatVerification.name, () => {
  it('says PASS when everything matched', () => {
    expect(formatVerification(passed)).toBe('verification: PASS — 2 of 2 acknowledged orders match GET /orders/{n}');
  });

  it('lists what the server answered instead', () => {
    const sut = formatVerification({
      ...passed,
      matched: 1,
      mismatches: [{ expected: order, actual: '#3 sell 1 BoarCo' }],
    });
    expect(sut).toContain('FAIL');
    expect(sut).toContain('expected #3 sell 1 FishCo, server says #3 sell 1 BoarCo');
  });

  it('fails on unreadable orders and reused numbers', () => {
    expect(formatVerification({ ...passed, unreachable: 1 })).toContain('1 could not be read');
    expect(formatVerification({ ...passed, duplicateNumbers: [3] })).toContain('acknowledged twice: 3');
  });
});
