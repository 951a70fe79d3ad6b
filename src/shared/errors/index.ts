export * from './domain.error';
export * from './not-enough-stock.error';
export * from './not-leader.error';
export * from './order-not-found.error';
export * from './stale-epoch.error';
export * from './stock-not-found.error';
export * from './upstream-unavailable.error';
export * from './idempotency-conflict.error';
