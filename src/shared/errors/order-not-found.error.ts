import { DomainError } from './domain.error';

export class OrderNotFoundError extends DomainError {
  readonly status = 404;
  readonly reason = 'order_not_found';
  constructor(message = 'order not found') {
    super(message);
  }
}
