import { DomainError } from './domain.error';

export class OrderNotFoundError extends DomainError {
  readonly status = 404;
  constructor() {
    super('order not found');
  }
}
