import { ErrorReason } from '../../shared/errors';

/** `ok`, the error envelope's reason for that status, or `other` for a status the route never answers. */
export type TradeOutcomeLabel = 'ok' | ErrorReason | 'other';

/**
 * A trade's outcome label, from the status `POST /orders` answered: every status of that route
 * means one thing (see the README's API table), so the response alone tells the outcome. The
 * labels are the `reason`s the error envelope sends with each status.
 */
export const TRADE_OUTCOMES: Readonly<Record<number, TradeOutcomeLabel>> = {
  200: 'ok',
  400: 'bad_request',
  404: 'stock_not_found',
  409: 'not_enough_stock',
  413: 'too_large',
  422: 'idempotency_conflict',
  503: 'unavailable',
};

/** Any other status (a bug, e.g. a 500) is counted as `other`. */
export function tradeOutcome(status: number): TradeOutcomeLabel {
  return TRADE_OUTCOMES[status] ?? 'other';
}
