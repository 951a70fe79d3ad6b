import { Histogram, Registry } from 'prom-client';
import { METRIC_PREFIX } from './metrics-registry';

/** Route label of requests no route handled: unknown paths (404) and static files. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Seconds; from well below a millisecond (internal calls on loopback) to the slowest timeouts. */
export const HTTP_DURATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export type ResponseWatcher = (status: number, seconds: number) => void;

/**
 * The request-duration histogram of every role, by route template (`/stocks/:name`, never the
 * raw path), method and status. A role may also watch one route's responses (the frontend counts
 * trades by outcome that way) without adding work to any other request.
 */
export class HttpMetrics {
  private readonly duration: Histogram<'method' | 'route' | 'status'>;
  private readonly watchers = new Map<string, ResponseWatcher[]>();

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: `${METRIC_PREFIX}http_request_duration_seconds`,
      help: 'HTTP requests served, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_DURATION_BUCKETS,
      registers: [registry],
    });
  }

  /** `listener` hears of every response of `method route` (the route template), after it is sent. */
  watch(method: string, route: string, listener: ResponseWatcher): void {
    const key = `${method} ${route}`;
    this.watchers.set(key, [...(this.watchers.get(key) ?? []), listener]);
  }

  /**
   * `route` is undefined when no route handled the request; `path` then names a watched route
   * without parameters that refused the request before routing (express's body parser: 400, 413).
   */
  observe(method: string, route: string | undefined, status: number, seconds: number, path?: string): void {
    const template = route ?? (path !== undefined && this.watchers.has(`${method} ${path}`) ? path : UNMATCHED_ROUTE);
    this.duration.observe({ method, route: template, status }, seconds);
    if (this.watchers.size === 0) return;
    for (const listener of this.watchers.get(`${method} ${template}`) ?? []) listener(status, seconds);
  }
}
