import {
  FenceCommand,
  requestIdSchema,
  stockNameSchema,
  TradeBatch,
  TradeRequest,
  tradeQuantitySchema,
  tradeTypeSchema,
} from '../../shared/contracts';
import { integer, integerText, list, record, Schema } from '../../shared/validation/schema';

export const MAX_TRADES_PER_BATCH = 1000;
export const MAX_JOURNAL_PAGE = 1000;

const epoch = integer(0, Number.MAX_SAFE_INTEGER);

const tradeSchema: Schema<TradeRequest> = record({
  tradeId: requestIdSchema,
  name: stockNameSchema,
  type: tradeTypeSchema,
  quantity: tradeQuantitySchema,
});

/** `POST /internal/trades`: one to MAX_TRADES_PER_BATCH trades (the body limit bounds it too). */
export const tradeBatchSchema: Schema<TradeBatch> = record({
  epoch,
  trades: list(tradeSchema, MAX_TRADES_PER_BATCH, 1),
});

export const fenceSchema: Schema<FenceCommand> = record({ epoch: integer(1, Number.MAX_SAFE_INTEGER) });

export const journalPageSchema = record({
  after: integerText(0, Number.MAX_SAFE_INTEGER),
  limit: integerText(1, MAX_JOURNAL_PAGE),
});
