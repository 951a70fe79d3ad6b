import { DomainError } from './domain.error';

/** A service this request depends on cannot be reached or cannot serve right now. */
export class UpstreamUnavailableError extends DomainError {
  readonly status = 503;
  override readonly retryAfterSeconds = 1;
  constructor(what: string) {
    super(`${what} unavailable, retry later`);
  }
}
