import { UpstreamUnavailableError } from './upstream-unavailable.error';

export const NO_QUORUM_MESSAGE = 'order service (no majority of replicas reachable) unavailable, retry later';

/** Fewer than a majority of order replicas can be reached, so nothing can be committed. */
export class NoQuorumError extends UpstreamUnavailableError {
  override readonly reason = 'no_quorum';
  constructor(message = NO_QUORUM_MESSAGE) {
    super(message);
  }
}
