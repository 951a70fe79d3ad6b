import { DomainError } from './domain.error';

export class StockNotFoundError extends DomainError {
  readonly status = 404;
  readonly reason = 'stock_not_found';
  constructor(message = 'stock not found') {
    super(message);
  }
}
