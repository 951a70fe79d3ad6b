import { DomainError } from './domain.error';

/** A write from a leader of an older epoch: the sender has been deposed and must step down. */
export class StaleEpochError extends DomainError {
  readonly status = 412;
  readonly reason = 'stale_epoch';

  static refusing(received: number, current: number): StaleEpochError {
    return new StaleEpochError(`stale epoch ${received}: current epoch is ${current}`);
  }
}
