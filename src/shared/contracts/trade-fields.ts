import { integer, oneOf, text } from '../validation/schema';
import { TRADE_TYPES } from './trade';

/** Limits every body that names a trade shares, public or internal. */
export const MAX_STOCK_NAME_LENGTH = 64;
export const MAX_TRADE_QUANTITY = 1_000_000;
export const MAX_REQUEST_ID_LENGTH = 128;
/** Request ids are UUIDs or a client's Idempotency-Key: visible ASCII only. */
export const REQUEST_ID_PATTERN = /^[\x21-\x7e]+$/;

/** Schemas of those fields, for the internal bodies (the public body uses class-validator). */
export const stockNameSchema = text(1, MAX_STOCK_NAME_LENGTH);
export const tradeTypeSchema = oneOf(TRADE_TYPES);
export const tradeQuantitySchema = integer(1, MAX_TRADE_QUANTITY);
export const requestIdSchema = text(1, MAX_REQUEST_ID_LENGTH, REQUEST_ID_PATTERN, 'visible ASCII characters');
