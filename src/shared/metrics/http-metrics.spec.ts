import { Registry } from 'prom-client';
import { HttpMetrics, UNMATCHED_ROUTE } from './http-metrics';

describe(HttpMetrics.name, () => {
  let registry: Registry;
  let sut: HttpMetrics;

  beforeEach(() => {
    registry = new Registry();
    sut = new HttpMetrics(registry);
  });

  /** The count line of one label set, as /metrics shows it. */
  const countOf = async (method: string, route: string, status: number): Promise<number | undefined> => {
    const line = `bazaar_http_request_duration_seconds_count{method="${method}",route="${route}",status="${status}"} `;
    const found = (await registry.metrics()).split('\n').find((l) => l.startsWith(line));
    return found === undefined ? undefined : Number(found.slice(line.length));
  };

  it('counts requests by method, route template and status', async () => {
    sut.observe('GET', '/stocks/:name', 200, 0.002);
    sut.observe('GET', '/stocks/:name', 200, 0.003);
    sut.observe('GET', '/stocks/:name', 404, 0.001);
    expect(await countOf('GET', '/stocks/:name', 200)).toBe(2);
    expect(await countOf('GET', '/stocks/:name', 404)).toBe(1);
  });

  it('labels requests that no route handled as unmatched', async () => {
    sut.observe('GET', undefined, 404, 0.001);
    expect(await countOf('GET', UNMATCHED_ROUTE, 404)).toBe(1);
  });

  it('labels a request refused before routing by its path only when that path is a watched route', async () => {
    const trades: number[] = [];
    sut.watch('POST', '/orders', (status) => trades.push(status));
    sut.observe('POST', undefined, 413, 0.001, '/orders');
    sut.observe('POST', undefined, 404, 0.001, '/nowhere');
    expect(trades).toEqual([413]);
    expect(await countOf('POST', '/orders', 413)).toBe(1);
    expect(await countOf('POST', UNMATCHED_ROUTE, 404)).toBe(1);
    expect(await countOf('POST', '/nowhere', 404)).toBeUndefined();
  });

  it('tells each watcher of its own route’s responses only', () => {
    const trades: number[] = [];
    const lookups: number[] = [];
    sut.watch('POST', '/orders', (status) => trades.push(status));
    sut.watch('GET', '/stocks/:name', (status) => lookups.push(status));
    sut.observe('POST', '/orders', 200, 0.01);
    sut.observe('POST', '/orders', 409, 0.01);
    sut.observe('GET', '/orders/:number', 200, 0.01);
    sut.observe('GET', '/stocks/:name', 404, 0.01);
    expect(trades).toEqual([200, 409]);
    expect(lookups).toEqual([404]);
  });

  it('tells a watcher added after its route was first observed of the responses that follow', async () => {
    const trades: number[] = [];
    sut.observe('POST', '/orders', 200, 0.01);
    sut.watch('POST', '/orders', (status) => trades.push(status));
    sut.observe('POST', '/orders', 200, 0.01);
    sut.observe('POST', '/orders', 409, 0.01);
    expect(trades).toEqual([200, 409]);
    expect(await countOf('POST', '/orders', 200)).toBe(2);
  });
});
