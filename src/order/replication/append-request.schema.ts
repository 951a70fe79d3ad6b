import { MAX_LOG_PAGE } from '../../config/tuning';
import {
  AppendRequest,
  LeaderNotice,
  OrderRecord,
  requestIdSchema,
  stockNameSchema,
  tradeQuantitySchema,
  tradeTypeSchema,
} from '../../shared/contracts';
import { integer, list, record, Schema, SchemaError } from '../../shared/validation/schema';

const MAX_NUMBER = Number.MAX_SAFE_INTEGER;
const epoch = integer(1, MAX_NUMBER);

export const leaderNoticeSchema: Schema<LeaderNotice> = record({ leaderId: integer(1, MAX_NUMBER), epoch });

const orderRecordSchema: Schema<OrderRecord> = record({
  number: integer(0, MAX_NUMBER),
  name: stockNameSchema,
  type: tradeTypeSchema,
  quantity: tradeQuantitySchema,
  requestId: requestIdSchema,
  tradeSeq: integer(1, MAX_NUMBER),
  epoch: integer(0, MAX_NUMBER),
});

const appendShape: Schema<AppendRequest> = record({
  epoch,
  leaderId: integer(1, MAX_NUMBER),
  prevNumber: integer(-1, MAX_NUMBER),
  prevEpoch: integer(-1, MAX_NUMBER),
  orders: list(orderRecordSchema, MAX_LOG_PAGE),
  commitNumber: integer(-1, MAX_NUMBER),
});

/** An append's entries must follow `prevNumber` one by one: a replica never stores a gap or a repeat. */
export const appendRequestSchema: Schema<AppendRequest> = (value, path) => {
  const request = appendShape(value, path);
  request.orders.forEach((order, index) => {
    if (order.number !== request.prevNumber + 1 + index) {
      throw new SchemaError(
        `orders[${index}].number must be ${request.prevNumber + 1 + index} (entries follow prevNumber)`,
      );
    }
  });
  return request;
};
