import { DomainError, ErrorReason } from './domain.error';

/** A service this request depends on cannot be reached or cannot serve right now. */
export class UpstreamUnavailableError extends DomainError {
  readonly status = 503;
  readonly reason: ErrorReason = 'unavailable';
  override readonly retryAfterSeconds = 1;
  /** True when the service was reached but did not answer in time (it may be alive but slow). */
  readonly timedOut: boolean;

  constructor(message: string, timedOut = false) {
    super(message);
    this.timedOut = timedOut;
  }

  /** "`what` unavailable, retry later": the words every 503 uses. */
  static of(what: string, timedOut = false): UpstreamUnavailableError {
    return new UpstreamUnavailableError(`${what} unavailable, retry later`, timedOut);
  }
}
