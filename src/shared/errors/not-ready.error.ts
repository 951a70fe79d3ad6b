import { UpstreamUnavailableError } from './upstream-unavailable.error';

/** This process is starting or catching up and cannot serve yet. */
export class NotReadyError extends UpstreamUnavailableError {
  override readonly reason = 'not_ready';

  static override of(what: string): NotReadyError {
    return new NotReadyError(`${what} (catching up) unavailable, retry later`);
  }
}
