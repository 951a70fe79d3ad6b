import { DomainError } from './domain.error';

export class NotEnoughStockError extends DomainError {
  readonly status = 409;
  constructor() {
    super('not enough stock');
  }
}
