import { RequestKind, REQUEST_KINDS, RequestSample } from './load.types';
import { LatencySummary, summarize } from './percentiles';

export interface KindSummary extends LatencySummary {
  readonly kind: RequestKind;
  /** Requests that did not get the answer they should, after retries. */
  readonly errors: number;
  /** Extra attempts sent after a 503 or a lost connection. */
  readonly retries: number;
}

/** Latency statistics per request type over every sample (failed ones included: the client waited for them). */
export function summarizeByKind(samples: readonly RequestSample[]): KindSummary[] {
  return REQUEST_KINDS.map((kind) => {
    const ofKind = samples.filter((sample) => sample.kind === kind);
    return {
      kind,
      ...summarize(ofKind.map((sample) => sample.latencyMs)),
      errors: ofKind.filter((sample) => !sample.ok).length,
      retries: ofKind.reduce((sum, sample) => sum + sample.retries, 0),
    };
  });
}
