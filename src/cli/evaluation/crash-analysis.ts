import { OrderRecord, RestockEntry } from '../../shared/contracts';
import { REQUEST_KINDS, RequestSample } from '../load/load.types';
import { ConservationCheck, CrashEvent, StockState, TimeBin } from './eval-results.types';

/** Requests grouped by type and by the time bin in which they finished. */
export function binSamples(samples: readonly RequestSample[], binSeconds: number): TimeBin[] {
  const bins = new Map<
    string,
    { kind: RequestSample['kind']; t: number; latencies: number[]; errors: number; retries: number }
  >();
  for (const sample of samples) {
    const finished = (sample.at + sample.latencyMs) / 1000;
    const t = Math.floor(finished / binSeconds) * binSeconds;
    const key = `${sample.kind}@${t}`;
    const bin = bins.get(key) ?? { kind: sample.kind, t, latencies: [], errors: 0, retries: 0 };
    bin.latencies.push(sample.latencyMs);
    if (!sample.ok) bin.errors += 1;
    bin.retries += sample.retries;
    bins.set(key, bin);
  }
  return [...bins.values()]
    .map((bin) => ({
      kind: bin.kind,
      t: Number(bin.t.toFixed(3)),
      count: bin.latencies.length,
      meanMs: bin.latencies.reduce((sum, value) => sum + value, 0) / bin.latencies.length,
      maxMs: Math.max(...bin.latencies),
      errors: bin.errors,
      retries: bin.retries,
    }))
    .sort((a, b) => a.t - b.t || REQUEST_KINDS.indexOf(a.kind) - REQUEST_KINDS.indexOf(b.kind));
}

/**
 * For every stock: quantity before − buys + sells over the order log + what restocks added
 * equals the quantity after, and the volume grew by the traded quantity.
 */
export function checkConservation(
  before: readonly StockState[],
  after: readonly StockState[],
  log: readonly OrderRecord[],
  restocks: readonly RestockEntry[],
): ConservationCheck {
  const problems: string[] = [];
  const afterByName = new Map(after.map((stock) => [stock.name, stock]));
  for (const stock of before) {
    const orders = log.filter((order) => order.name === stock.name);
    const restocked = restocks.filter((r) => r.name === stock.name).reduce((sum, r) => sum + r.quantity, 0);
    const delta =
      restocked + orders.reduce((sum, order) => sum + (order.type === 'buy' ? -order.quantity : order.quantity), 0);
    const traded = orders.reduce((sum, order) => sum + order.quantity, 0);
    const now = afterByName.get(stock.name);
    if (!now) {
      problems.push(`${stock.name}: missing after the run`);
      continue;
    }
    if (now.quantity !== stock.quantity + delta) {
      problems.push(`${stock.name}: quantity ${now.quantity}, order log and restocks say ${stock.quantity + delta}`);
    }
    if (now.volume !== stock.volume + traded) {
      problems.push(`${stock.name}: volume ${now.volume}, order log says ${stock.volume + traded}`);
    }
  }
  return { holds: problems.length === 0, problems };
}

export interface OutageWindow {
  readonly replica: number;
  readonly wasLeader: boolean;
  /** Seconds since the load started: from the SIGKILL until the replica was healthy again. */
  readonly from: number;
  readonly to: number;
}

/** Each kill paired with the restart of the same replica that followed it. */
export function outageWindows(events: readonly CrashEvent[]): OutageWindow[] {
  return events.flatMap((kill, index) => {
    if (kill.kind !== 'kill') return [];
    const restart = events.slice(index + 1).find((event) => event.kind === 'restart' && event.replica === kill.replica);
    if (!restart) return [];
    const to = (restart.at + (restart.tookMs ?? 0)) / 1000;
    return [{ replica: kill.replica, wasLeader: kill.wasLeader, from: kill.at / 1000, to }];
  });
}

/** The largest per-bin latency of `kind` inside any window, and outside all of them. */
export function maxInsideAndOutside(
  bins: readonly TimeBin[],
  windows: readonly OutageWindow[],
  kind: TimeBin['kind'],
  binSeconds: number,
): { inside: number; outside: number } {
  let inside = NaN;
  let outside = NaN;
  const larger = (a: number, b: number): number => (Number.isNaN(a) ? b : Math.max(a, b));
  for (const bin of bins.filter((candidate) => candidate.kind === kind)) {
    const overlaps = windows.some((window) => bin.t < window.to && bin.t + binSeconds > window.from);
    if (overlaps) inside = larger(inside, bin.maxMs);
    else outside = larger(outside, bin.maxMs);
  }
  return { inside, outside };
}
