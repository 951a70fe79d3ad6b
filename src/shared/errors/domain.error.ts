/** Machine-readable causes that internal error replies carry next to `code` and `message`. */
export const ERROR_REASONS = [
  'bad_request',
  'unauthorized',
  'not_found',
  'stock_not_found',
  'order_not_found',
  'not_enough_stock',
  'idempotency_conflict',
  'stale_epoch',
  'not_leader',
  'too_large',
  'no_quorum',
  'not_ready',
  'unavailable',
  'internal',
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

/**
 * A failure with a meaning in the trading domain. Services throw these; the global
 * exception filter is the only place that turns them into HTTP responses.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly reason: ErrorReason;
  /** Seconds a client should wait before retrying, sent as `Retry-After`. */
  readonly retryAfterSeconds?: number;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
