import { setTimeout as sleep } from 'node:timers/promises';
import { JsonResponse } from './json-http';

export interface RetryPolicy {
  /** Retries after the first attempt; 0 disables retrying. */
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  /** Upper bound of one pause, also for a server's `Retry-After`. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 8, baseDelayMs: 50, maxDelayMs: 1000 };

export interface RetriedResponse {
  readonly response: JsonResponse;
  readonly retries: number;
  /** From the first send to the last answer, pauses included: what the client waited. */
  readonly latencyMs: number;
}

/** 503 (no leader / catalog for now) and no answer at all are worth another try; the rest is final. */
export function isRetryable(status: number): boolean {
  return status === 0 || status === 503;
}

function retryAfterMs(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
  return Number(value) * 1000;
}

/** Pause before retry number `retry` (1-based): the server's `Retry-After` if given, else exponential. */
export function retryDelayMs(retry: number, retryAfter: string | string[] | undefined, policy: RetryPolicy): number {
  const asked = retryAfterMs(retryAfter);
  const delay = asked ?? policy.baseDelayMs * 2 ** (retry - 1);
  return Math.min(delay, policy.maxDelayMs);
}

/** Calls `send` until the answer is final or the retries are spent; `send` must be safe to repeat. */
export async function sendWithRetry(
  send: () => Promise<JsonResponse>,
  policy: RetryPolicy,
  pause: (ms: number) => Promise<unknown> = sleep,
): Promise<RetriedResponse> {
  const started = performance.now();
  let response = await send();
  let retries = 0;
  while (isRetryable(response.status) && retries < policy.maxRetries) {
    retries += 1;
    await pause(retryDelayMs(retries, response.headers['retry-after'], policy));
    response = await send();
  }
  return { response, retries, latencyMs: performance.now() - started };
}
