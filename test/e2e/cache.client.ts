import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CacheSnapshot } from '../../src/frontend/cache/stock-cache.service';
import { http, HttpResponse, TestCluster } from './support';

export const STOCKS: string[] = (
  JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'config', 'stocks.json'), 'utf8')) as { name: string }[]
).map((s) => s.name);

export type CacheBody = CacheSnapshot;

/** Talks to one cluster: public routes on the frontend, internal ones (with the token) on the catalog. */
export class CacheClient {
  constructor(private readonly cluster: TestCluster) {}

  async quantity(name: string): Promise<number> {
    const res = await http('GET', `${this.cluster.urls.frontend}/stocks/${name}`);
    expect(res.status).toBe(200);
    return res.body.data.quantity as number;
  }

  trade(name: string, type: 'buy' | 'sell', quantity: number): Promise<HttpResponse> {
    return http('POST', `${this.cluster.urls.frontend}/orders`, { body: { name, type, quantity } });
  }

  async cache(): Promise<CacheBody> {
    const res = await http('GET', `${this.cluster.urls.frontend}/cache`);
    expect(res.status).toBe(200);
    return res.body.data as CacheBody;
  }

  async catalogLookups(): Promise<number> {
    const res = await http('GET', `${this.cluster.urls.catalog}/internal/stats`, { headers: this.internal() });
    expect(res.status).toBe(200);
    return res.body.data.lookups as number;
  }

  /** The catalog's own view, bypassing the frontend. */
  async catalogStock(name: string): Promise<{ name: string; price: number; quantity: number; version: number }> {
    const res = await http('GET', `${this.cluster.urls.catalog}/internal/stock?name=${name}`, {
      headers: this.internal(),
    });
    expect(res.status).toBe(200);
    return res.body.data;
  }

  invalidate(body: unknown, token?: string): Promise<HttpResponse> {
    const headers: Record<string, string> = token === undefined ? {} : { 'x-internal-token': token };
    return http('POST', `${this.cluster.urls.frontend}/internal/cache/invalidations`, { body, headers });
  }

  private internal(): Record<string, string> {
    return { 'x-internal-token': this.cluster.token };
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Milliseconds per GET over one kept-alive connection pool. */
export async function timedLookups(frontend: string, names: string[]): Promise<number[]> {
  const times: number[] = [];
  for (const name of names) {
    const started = process.hrtime.bigint();
    const res = await fetch(`${frontend}/stocks/${name}`);
    await res.arrayBuffer();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    expect(res.status).toBe(200);
  }
  return times;
}
