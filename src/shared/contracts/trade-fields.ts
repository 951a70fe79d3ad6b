import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { TRADE_TYPES } from './trade';

export const MAX_TRADE_QUANTITY = 1_000_000;

/** Validation shared by every body that names a trade: the public order and the internal ones. */
export const IsStockName = () =>
  applyDecorators(
    ApiProperty({ example: 'GameStart', minLength: 1, maxLength: 64 }),
    IsString({ message: 'name must be a string' }),
    Length(1, 64, { message: 'name must be 1 to 64 characters' }),
  );

export const IsTradeType = () =>
  applyDecorators(
    ApiProperty({ enum: TRADE_TYPES, example: 'buy' }),
    IsIn(TRADE_TYPES, { message: 'type must be buy or sell' }),
  );

export const IsTradeQuantity = () =>
  applyDecorators(
    ApiProperty({ example: 1, minimum: 1, maximum: MAX_TRADE_QUANTITY }),
    IsInt({ message: 'quantity must be a positive integer' }),
    Min(1, { message: 'quantity must be a positive integer' }),
    Max(MAX_TRADE_QUANTITY, { message: `quantity must be at most ${MAX_TRADE_QUANTITY}` }),
  );

export const IsRequestId = () =>
  applyDecorators(
    ApiProperty({ example: '3f1c9a4e-6d8b-4c1e-9a0f-2b7d5e8c1a90', minLength: 1, maxLength: 128 }),
    IsString({ message: 'request id must be a string' }),
    Length(1, 128, { message: 'request id must be 1 to 128 characters' }),
  );
