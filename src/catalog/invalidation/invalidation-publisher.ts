import { StockInvalidation } from '../../shared/contracts';

/**
 * Tells the frontend that a stock changed. Abstract class = DI token; tests bind fakes.
 * `publish` never blocks and never throws: delivery (with retries) happens in the background.
 */
export abstract class InvalidationPublisher {
  abstract publish(invalidation: StockInvalidation): void;

  /** Changed stocks whose invalidation is not delivered yet (a publisher that queues nothing: 0). */
  get pending(): number {
    return 0;
  }
}
