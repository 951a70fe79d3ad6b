import { DomainError, ErrorReason } from './domain.error';
import { IdempotencyConflictError } from './idempotency-conflict.error';
import { NoQuorumError } from './no-quorum.error';
import { NotEnoughStockError } from './not-enough-stock.error';
import { NotLeaderError } from './not-leader.error';
import { NotReadyError } from './not-ready.error';
import { OrderNotFoundError } from './order-not-found.error';
import { StaleEpochError } from './stale-epoch.error';
import { StockNotFoundError } from './stock-not-found.error';
import { UpstreamUnavailableError } from './upstream-unavailable.error';

/** The error body of an internal reply: what went wrong, for machines (`reason`) and people. */
export interface WireError {
  code: number;
  reason: ErrorReason;
  message: string;
}

const ERRORS_BY_REASON: Partial<Record<ErrorReason, new (message: string) => DomainError>> = {
  stock_not_found: StockNotFoundError,
  order_not_found: OrderNotFoundError,
  not_enough_stock: NotEnoughStockError,
  idempotency_conflict: IdempotencyConflictError,
  stale_epoch: StaleEpochError,
  not_leader: NotLeaderError,
  no_quorum: NoQuorumError,
  not_ready: NotReadyError,
  unavailable: UpstreamUnavailableError,
};

/**
 * The domain error an internal reply stands for; the one mapping every client uses. A reply
 * that names no domain failure (a refused request, a crash, something unreadable) means that
 * `service` cannot serve us right now.
 */
export function errorFromReply(service: string, error: Partial<WireError> | undefined): DomainError {
  const type = error?.reason ? ERRORS_BY_REASON[error.reason] : undefined;
  if (type && typeof error?.message === 'string') return new type(error.message);
  return UpstreamUnavailableError.of(service);
}
