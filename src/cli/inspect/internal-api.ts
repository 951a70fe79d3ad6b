import { JournalEntry, OrderRecord, ReplicaStatus, RestockEntry, StockView } from '../../shared/contracts';
import { JsonHttpClient, JsonResponse } from '../load/json-http';

const LOG_PAGE = 5000;
const JOURNAL_PAGE = 1000;

/** Thrown when an internal route answers anything but 200 with a `data` body. */
export class InternalReadError extends Error {
  constructor(
    readonly what: string,
    readonly status: number,
    detail: string,
  ) {
    super(`${what}: ${status === 0 ? 'no answer' : `HTTP ${status}`} ${detail}`.trim());
  }
}

function dataOf<T>(what: string, response: JsonResponse): T {
  const data = (response.body as { data?: unknown } | undefined)?.data;
  if (response.status !== 200 || data === undefined) {
    throw new InternalReadError(what, response.status, response.error ?? JSON.stringify(response.body) ?? '');
  }
  return data as T;
}

/**
 * The internal routes of one catalog or order replica, read with the cluster's token: replica
 * status and log, catalog journal and stocks. Pages through long lists.
 */
export class InternalApi {
  private readonly http: JsonHttpClient;
  private readonly headers: Record<string, string>;

  constructor(
    readonly baseUrl: string,
    token: string,
    timeoutMs = 5000,
  ) {
    this.http = new JsonHttpClient(baseUrl, { timeoutMs });
    this.headers = { 'x-internal-token': token };
  }

  async replicaStatus(): Promise<ReplicaStatus> {
    return dataOf(`${this.baseUrl} status`, await this.get('/internal/replica/status'));
  }

  /** The replica's whole order log, every page. */
  async replicaLog(): Promise<OrderRecord[]> {
    return this.pages<OrderRecord>('/internal/replica/entries', -1, LOG_PAGE, (entry) => entry.number);
  }

  /** Every trade the catalog applied, in `seq` order. */
  async journal(): Promise<JournalEntry[]> {
    return this.pages<JournalEntry>('/internal/journal', 0, JOURNAL_PAGE, (entry) => entry.seq);
  }

  /** Every restock the catalog made: quantity that came from outside the order log. */
  async restocks(): Promise<RestockEntry[]> {
    return dataOf(`${this.baseUrl} restocks`, await this.get('/internal/restocks'));
  }

  async catalogStocks(): Promise<StockView[]> {
    return dataOf(`${this.baseUrl} stocks`, await this.get('/internal/stocks'));
  }

  close(): void {
    this.http.close();
  }

  private get(path: string): Promise<JsonResponse> {
    return this.http.send('GET', path, undefined, this.headers);
  }

  private async pages<T>(path: string, start: number, limit: number, position: (item: T) => number): Promise<T[]> {
    const all: T[] = [];
    for (let after = start; ;) {
      const page = dataOf<T[]>(`${this.baseUrl}${path}`, await this.get(`${path}?after=${after}&limit=${limit}`));
      all.push(...page);
      if (page.length < limit) return all;
      after = position(page[page.length - 1]);
    }
  }
}

/** Opens an InternalApi for one call and closes it afterwards. */
export async function readInternal<T>(
  baseUrl: string,
  token: string,
  read: (api: InternalApi) => Promise<T>,
  timeoutMs?: number,
): Promise<T> {
  const api = new InternalApi(baseUrl, token, timeoutMs);
  try {
    return await read(api);
  } finally {
    api.close();
  }
}
