import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DataEnvelope, envelope } from '../../shared/contracts';
import { ApiError } from '../api-error.docs';
import { IdempotencyKey } from './idempotency-key.decorator';
import { OrderNumberPipe } from './order-number.pipe';
import { OrderReceipt, OrderReceiptResponse, OrderView, OrderViewResponse } from './order.responses';
import { OrdersService } from './orders.service';
import { PlaceOrderDto } from './place-order.dto';

@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Buy or sell a stock; the answer carries the transaction number' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'same key → same outcome, traded at most once' })
  @ApiOkResponse({ type: OrderReceiptResponse })
  @ApiError(400, 'quantity must be a positive integer')
  @ApiError(404, 'stock not found')
  @ApiError(409, 'not enough stock')
  @ApiError(422, 'idempotency key already used for a different order')
  @ApiError(503, 'order service unavailable, retry later')
  async place(
    @Body() order: PlaceOrderDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<DataEnvelope<OrderReceipt>> {
    return envelope(await this.orders.place(order, idempotencyKey));
  }

  @Get(':number')
  @ApiOperation({ summary: 'Look up an order by its transaction number' })
  @ApiParam({ name: 'number', example: 0 })
  @ApiOkResponse({ type: OrderViewResponse })
  @ApiError(400, 'order number must be a non-negative integer')
  @ApiError(404, 'order not found')
  async get(@Param('number', OrderNumberPipe) number: number): Promise<DataEnvelope<OrderView>> {
    return envelope(await this.orders.get(number));
  }
}
