import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { InternalTokenGuard } from '../../shared/auth/internal-token.guard';
import { DataEnvelope, envelope, OrderBatch, OrderOutcome, OrderRecord } from '../../shared/contracts';
import { integerText } from '../../shared/validation/schema';
import { SchemaPipe } from '../../shared/validation/schema.pipe';
import { orderBatchSchema } from './order-batch.schema';
import { OrderService } from './order.service';

const orderNumberSchema = integerText(0, Number.MAX_SAFE_INTEGER);

/** The order replica's API for the frontend; every route needs the internal token. */
@UseGuards(InternalTokenGuard)
@Controller('internal/orders')
export class OrderController {
  constructor(private readonly orders: OrderService) {}

  @Post()
  @HttpCode(200)
  async place(@Body(new SchemaPipe(orderBatchSchema)) batch: OrderBatch): Promise<DataEnvelope<OrderOutcome[]>> {
    return envelope(await this.orders.place(batch.orders));
  }

  @Get(':number')
  async get(
    @Param('number', new SchemaPipe(orderNumberSchema, 'order number')) number: number,
  ): Promise<DataEnvelope<OrderRecord>> {
    return envelope(await this.orders.get(number));
  }
}
