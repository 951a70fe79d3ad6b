import {
  OrderBatch,
  PlaceOrderCommand,
  requestIdSchema,
  stockNameSchema,
  tradeQuantitySchema,
  tradeTypeSchema,
} from '../../shared/contracts';
import { list, record, Schema } from '../../shared/validation/schema';

const MAX_ORDERS_PER_BATCH = 1000;

const placeOrderSchema: Schema<PlaceOrderCommand> = record({
  requestId: requestIdSchema,
  name: stockNameSchema,
  type: tradeTypeSchema,
  quantity: tradeQuantitySchema,
});

/** `POST /internal/orders`: one to MAX_ORDERS_PER_BATCH orders (the body limit bounds it too). */
export const orderBatchSchema: Schema<OrderBatch> = record({ orders: list(placeOrderSchema, MAX_ORDERS_PER_BATCH, 1) });
