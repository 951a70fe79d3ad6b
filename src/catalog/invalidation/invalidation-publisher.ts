import { StockInvalidation } from '../../shared/contracts';

/**
 * Tells the frontend that a stock changed. Abstract class = DI token; tests bind fakes.
 * `publish` never blocks and never throws: delivery (with retries) happens in the background.
 */
export abstract class InvalidationPublisher {
  abstract publish(invalidation: StockInvalidation): void;
}
