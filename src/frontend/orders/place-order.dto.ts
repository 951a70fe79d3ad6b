import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { MAX_STOCK_NAME_LENGTH, MAX_TRADE_QUANTITY, TRADE_TYPES, TradeType } from '../../shared/contracts';

const QUANTITY_MESSAGE = 'quantity must be a positive integer';

// Each field's checks in the order they run (stopAtFirstError reports the first that fails).
const IsStockName = () =>
  applyDecorators(
    ApiProperty({ example: 'GameStart', minLength: 1, maxLength: MAX_STOCK_NAME_LENGTH }),
    IsString({ message: 'name must be a string' }),
    Length(1, MAX_STOCK_NAME_LENGTH, { message: `name must be 1 to ${MAX_STOCK_NAME_LENGTH} characters` }),
  );

const IsTradeType = () =>
  applyDecorators(
    ApiProperty({ enum: TRADE_TYPES, example: 'buy' }),
    IsIn(TRADE_TYPES, { message: 'type must be buy or sell' }),
  );

const IsTradeQuantity = () =>
  applyDecorators(
    ApiProperty({ example: 1, minimum: 1, maximum: MAX_TRADE_QUANTITY }),
    IsInt({ message: QUANTITY_MESSAGE }),
    Min(1, { message: QUANTITY_MESSAGE }),
    Max(MAX_TRADE_QUANTITY, { message: `quantity must be at most ${MAX_TRADE_QUANTITY}` }),
  );

/** The public body of `POST /orders`. */
export class PlaceOrderDto {
  /**
   * The valid bodies, checked without class-validator (StrictValidationPipe): exactly these three
   * fields, as the decorators below require them. A name's length is counted in UTF-16 units, which
   * class-validator counts as fewer characters for emoji and the like, never as more: such a name
   * near the limit goes through the decorators.
   */
  static accepts(body: object): boolean {
    const { name, type, quantity } = body as Partial<Record<keyof PlaceOrderDto, unknown>>;
    return (
      Object.keys(body).length === 3 &&
      typeof name === 'string' &&
      name.length >= 1 &&
      name.length <= MAX_STOCK_NAME_LENGTH &&
      TRADE_TYPES.includes(type as TradeType) &&
      Number.isInteger(quantity) &&
      (quantity as number) >= 1 &&
      (quantity as number) <= MAX_TRADE_QUANTITY
    );
  }

  @IsStockName()
  name!: string;

  @IsTradeType()
  type!: TradeType;

  @IsTradeQuantity()
  quantity!: number;
}
