import { DomainError } from './domain.error';

export class NotEnoughStockError extends DomainError {
  readonly status = 409;
  readonly reason = 'not_enough_stock';
  constructor(message = 'not enough stock') {
    super(message);
  }
}
