import { UpstreamUnavailableError } from './upstream-unavailable.error';

/** A service did not answer at all (refused, reset, timed out), as opposed to answering with an error. */
export class UnreachableError extends UpstreamUnavailableError {
  constructor(what: string, timedOut = false) {
    super(`${what} unavailable, retry later`, timedOut);
  }
}

/** An order replica did not answer at all: a reason to elect another leader. */
export class ReplicaUnreachableError extends UnreachableError {
  constructor(
    readonly replicaId: number,
    timedOut = false,
  ) {
    super(`order replica ${replicaId}`, timedOut);
  }
}
