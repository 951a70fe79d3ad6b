import { UpstreamUnavailableError } from './upstream-unavailable.error';

/** Fewer than a majority of order replicas can be reached, so nothing can be committed. */
export class NoQuorumError extends UpstreamUnavailableError {
  constructor() {
    super('order service (no majority of replicas reachable)');
  }
}
