import { UpstreamUnavailableError } from './upstream-unavailable.error';

/** This process is starting or catching up and cannot serve yet. */
export class NotReadyError extends UpstreamUnavailableError {
  constructor(what: string) {
    super(`${what} (catching up)`);
  }
}
