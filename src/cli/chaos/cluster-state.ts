import { JournalEntry, OrderRecord, RestockEntry, StockView } from '../../shared/contracts';
import { InternalApi, readInternal } from '../inspect/internal-api';
import { waitFor } from '../process';
import { ChaosCluster } from './chaos-cluster';
import { Readable, StockStart } from './invariants.types';

export interface SettleResult {
  readonly settled: boolean;
  readonly ms: number;
  readonly problem?: string;
}

export interface FinalState {
  /** The leader's log, or the longest one when no replica leads. */
  readonly log: readonly OrderRecord[];
  readonly leaderId?: number;
  readonly replicaLogs: ReadonlyMap<number, Readable<readonly OrderRecord[]>>;
  readonly journal: Readable<readonly JournalEntry[]>;
  readonly finalStocks: Readable<readonly StockView[]>;
  readonly restocks: Readable<readonly RestockEntry[]>;
}

function readable<T>(read: Promise<T>): Promise<Readable<T>> {
  return read.catch((error: unknown) => ({ unreadable: error instanceof Error ? error.message : String(error) }));
}

function replicaRead<T>(cluster: ChaosCluster, id: number, read: (api: InternalApi) => Promise<T>): Promise<T> {
  return readInternal(cluster.replicaUrl(id), cluster.token, read, 10_000);
}

/** Waits until every replica is ready and all hold the same log, row for row. */
export async function waitUntilSettled(cluster: ChaosCluster, timeoutMs: number): Promise<SettleResult> {
  const started = Date.now();
  try {
    await waitFor(
      async () => {
        const statuses = await Promise.all(
          cluster.replicaIds.map((id) => replicaRead(cluster, id, (api) => api.replicaStatus())),
        );
        const waiting = statuses.filter((status) => !status.ready).map((status) => status.id);
        if (waiting.length > 0) throw new Error(`replicas ${waiting.join(', ')} not ready`);
        if (!statuses.some((status) => status.leading)) throw new Error('no replica leads');
        const logs = await Promise.all(
          cluster.replicaIds.map((id) => replicaRead(cluster, id, (api) => api.replicaLog())),
        );
        const first = JSON.stringify(logs[0]);
        if (!logs.every((log) => JSON.stringify(log) === first)) {
          throw new Error(`logs differ (lengths ${logs.map((log) => log.length).join(', ')})`);
        }
        return true;
      },
      { timeoutMs, intervalMs: 250, description: 'three ready replicas with identical logs' },
    );
    return { settled: true, ms: Date.now() - started };
  } catch (error) {
    return {
      settled: false,
      ms: Date.now() - started,
      problem: error instanceof Error ? error.message : String(error),
    };
  }
}

export async function readInitialStocks(cluster: ChaosCluster): Promise<StockStart[]> {
  const stocks = await readInternal(cluster.catalogUrl, cluster.token, (api) => api.catalogStocks());
  return stocks.map(({ name, quantity, volume }) => ({ name, quantity, volume }));
}

export async function readFinalState(cluster: ChaosCluster): Promise<FinalState> {
  const ids = cluster.replicaIds;
  const statuses = await Promise.all(
    ids.map((id) => replicaRead(cluster, id, (api) => api.replicaStatus()).catch(() => undefined)),
  );
  const logs = await Promise.all(ids.map((id) => readable(replicaRead(cluster, id, (api) => api.replicaLog()))));
  const replicaLogs = new Map(ids.map((id, index) => [id, logs[index]]));
  const leaderId = statuses.find((status) => status?.leading)?.id;
  const leaderLog = leaderId === undefined ? undefined : replicaLogs.get(leaderId);
  const longest = logs
    .filter((log): log is OrderRecord[] => !('unreadable' in log))
    .reduce<OrderRecord[]>((best, log) => (log.length > best.length ? log : best), []);
  const [journal, finalStocks, restocks] = await Promise.all([
    readable(readInternal(cluster.catalogUrl, cluster.token, (api) => api.journal(), 10_000)),
    readable(readInternal(cluster.catalogUrl, cluster.token, (api) => api.catalogStocks(), 10_000)),
    readable(readInternal(cluster.catalogUrl, cluster.token, (api) => api.restocks(), 10_000)),
  ]);
  const log = leaderLog && !('unreadable' in leaderLog) ? leaderLog : longest;
  return { log, leaderId, replicaLogs, journal, finalStocks, restocks };
}
