import { DomainError } from './domain.error';

/** An idempotency key sent again with a different order than the first time. */
export class IdempotencyConflictError extends DomainError {
  readonly status = 422;
  readonly reason = 'idempotency_conflict';
  constructor(message = 'idempotency key already used for a different order') {
    super(message);
  }
}
