import { DomainError } from './domain.error';

/** Sent by an order replica asked to write while it is not the leader (421 Misdirected Request). */
export class NotLeaderError extends DomainError {
  readonly status = 421;
  readonly reason = 'not_leader';

  static replica(replicaId: number): NotLeaderError {
    return new NotLeaderError(`replica ${replicaId} is not the leader`);
  }
}
