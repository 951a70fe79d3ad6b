import { Registry } from 'prom-client';
import { CellHistogram, HistogramCell } from './cell-histogram';
import { METRIC_PREFIX } from './metrics-registry';

/** Route label of requests no route handled: unknown paths (404) and static files. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Seconds; from well below a millisecond (internal calls on loopback) to the slowest timeouts. */
export const HTTP_DURATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export type ResponseWatcher = (status: number, seconds: number) => void;

/** What one method, route and status's responses go to. */
interface ResponseSink {
  readonly duration: HistogramCell;
  /** The route's watchers: the same array watch() adds to, so one added later is heard too. */
  readonly watchers: readonly ResponseWatcher[];
}

/**
 * The request-duration histogram of every role, by route template (`/stocks/:name`, never the
 * raw path), method and status. A role may also watch one route's responses (the frontend counts
 * trades by outcome that way) without adding work to any other request. Each request finds its
 * histogram cell and watchers through three small maps, with no key built for it.
 */
export class HttpMetrics {
  private readonly duration: CellHistogram;
  /** Method → route template → status. */
  private readonly sinks = new Map<string, Map<string, Map<number, ResponseSink>>>();
  /** `${method} ${route}` → its watchers, possibly none. */
  private readonly watchers = new Map<string, ResponseWatcher[]>();

  constructor(registry: Registry) {
    this.duration = new CellHistogram(
      `${METRIC_PREFIX}http_request_duration_seconds`,
      'HTTP requests served, by method, route template and status',
      HTTP_DURATION_BUCKETS,
      registry,
    );
  }

  /** `listener` hears of every response of `method route` (the route template), after it is sent. */
  watch(method: string, route: string, listener: ResponseWatcher): void {
    this.watchersOf(method, route).push(listener);
  }

  /**
   * `route` is undefined when no route handled the request; `path` then names a watched route
   * without parameters that refused the request before routing (express's body parser: 400, 413).
   */
  observe(method: string, route: string | undefined, status: number, seconds: number, path?: string): void {
    const template = route ?? (path !== undefined && this.watched(method, path) ? path : UNMATCHED_ROUTE);
    const sink = this.sinkOf(method, template, status);
    sink.duration.observe(seconds);
    for (const listener of sink.watchers) listener(status, seconds);
  }

  private sinkOf(method: string, route: string, status: number): ResponseSink {
    let routes = this.sinks.get(method);
    if (!routes) this.sinks.set(method, (routes = new Map()));
    let statuses = routes.get(route);
    if (!statuses) routes.set(route, (statuses = new Map()));
    let sink = statuses.get(status);
    if (!sink) {
      // The label order prom-client's Histogram used, so /metrics reads as it did.
      sink = { duration: this.duration.cell({ method, route, status }), watchers: this.watchersOf(method, route) };
      statuses.set(status, sink);
    }
    return sink;
  }

  private watchersOf(method: string, route: string): ResponseWatcher[] {
    const key = `${method} ${route}`;
    let listeners = this.watchers.get(key);
    if (!listeners) this.watchers.set(key, (listeners = []));
    return listeners;
  }

  private watched(method: string, path: string): boolean {
    return (this.watchers.get(`${method} ${path}`)?.length ?? 0) > 0;
  }
}
