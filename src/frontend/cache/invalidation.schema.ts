import { INVALIDATION_BATCH } from '../../config/tuning';
import { InvalidationBatch, StockInvalidation, stockNameSchema } from '../../shared/contracts';
import { integer, list, record, Schema } from '../../shared/validation/schema';

const invalidationSchema: Schema<StockInvalidation> = record({
  name: stockNameSchema,
  version: integer(0, Number.MAX_SAFE_INTEGER),
});

/** `POST /internal/cache/invalidations`: one to INVALIDATION_BATCH stock changes. */
export const invalidationBatchSchema: Schema<InvalidationBatch> = record({
  invalidations: list(invalidationSchema, INVALIDATION_BATCH, 1),
});
