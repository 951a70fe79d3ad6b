/**
 * A failure with a meaning in the trading domain. Services throw these; the global
 * exception filter is the only place that turns them into HTTP responses.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  /** Seconds a client should wait before retrying, sent as `Retry-After`. */
  readonly retryAfterSeconds?: number;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
