import { DomainError } from './domain.error';

export class StockNotFoundError extends DomainError {
  readonly status = 404;
  constructor() {
    super('stock not found');
  }
}
