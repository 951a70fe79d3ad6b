import { UpstreamUnavailableError } from './upstream-unavailable.error';

/** An order replica did not answer at all (refused, timed out): a reason to elect another leader. */
export class ReplicaUnreachableError extends UpstreamUnavailableError {
  constructor(
    readonly replicaId: number,
    timedOut = false,
  ) {
    super(`order replica ${replicaId}`, timedOut);
  }
}
