/** The frontend's internal route the catalog pushes invalidations to. */
export const INVALIDATION_PATH = '/internal/cache/invalidations';

/**
 * Catalog → frontend: the stock changed and now has `version`; cached values with a lower
 * version are stale. Sent after the change has committed.
 */
export interface StockInvalidation {
  name: string;
  version: number;
}

/** Several invalidations in one push (one per stock: the newest version waiting). */
export interface InvalidationBatch {
  invalidations: StockInvalidation[];
}

/** The catalog's own counters, on its internal stats route. */
export interface CatalogStats {
  /** Single-stock lookups served since the process started. */
  lookups: number;
  /** Trades this catalog process applied since it started (not replays of known trade ids, not refusals). */
  trades: number;
}
