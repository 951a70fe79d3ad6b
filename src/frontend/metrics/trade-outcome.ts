/**
 * A trade's outcome label, from the status `POST /orders` answered: every status of that route
 * means one thing (see the README's API table), so the response alone tells the outcome.
 */
export const TRADE_OUTCOMES: Readonly<Record<number, string>> = {
  200: 'ok',
  400: 'bad_request',
  404: 'stock_not_found',
  409: 'not_enough_stock',
  413: 'too_large',
  422: 'idempotency_conflict',
  503: 'unavailable',
};

/** Any other status (a bug, e.g. a 500) is counted as `other`. */
export function tradeOutcome(status: number): string {
  return TRADE_OUTCOMES[status] ?? 'other';
}
