import { DomainError } from './domain.error';

/** A service this request depends on cannot be reached or cannot serve right now. */
export class UpstreamUnavailableError extends DomainError {
  readonly status = 503;
  override readonly retryAfterSeconds = 1;
  /** True when the service was reached but did not answer in time (it may be alive but slow). */
  readonly timedOut: boolean;

  constructor(what: string, timedOut = false) {
    super(`${what} unavailable, retry later`);
    this.timedOut = timedOut;
  }
}
