/** One request of a load plan; a connection sends the plan's requests in turn, round and round. */
export interface PlannedRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What the load worker is asked to do: a fixed number of requests, or for a time. */
export interface LoadPlan {
  readonly url: string;
  readonly connections: number;
  readonly requests: readonly PlannedRequest[];
  /** Seconds; ignored when `amount` is set. */
  readonly durationSec?: number;
  /** Stops after this many responses, so no request is left in flight at the end. */
  readonly amount?: number;
  readonly timeoutSec?: number;
  /** Keep `[endedAtEpochMs, latencyMs, status]` per response (failover analysis). */
  readonly recordEvents?: boolean;
}

/** [when the response ended (epoch ms), its latency (ms), its HTTP status]. */
export type ResponseEvent = readonly [number, number, number];

export interface LoadResult {
  readonly connections: number;
  /** Responses with a 2xx status. */
  readonly ok: number;
  /** Responses with any other status. */
  readonly non2xx: number;
  /** Connection errors and timeouts (no response at all). */
  readonly errors: number;
  readonly timeouts: number;
  /** From the first request sent to the last response received. */
  readonly elapsedMs: number;
  /** 2xx responses per second over `elapsedMs`. */
  readonly rps: number;
  readonly latencyMs: LatencyFigures;
  readonly statusCodes: Readonly<Record<string, number>>;
  readonly events?: readonly ResponseEvent[];
}

export interface LatencyFigures {
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}
