import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InternalTokenGuard } from '../shared/auth/internal-token.guard';
import { DataEnvelope, envelope, OrderRecord, PlacedOrder } from '../shared/contracts';
import { OrderService } from './order.service';
import { PlaceOrderCommandDto } from './place-order-command.dto';

/** The order replica's API for the frontend; every route needs the internal token. */
@ApiExcludeController()
@UseGuards(InternalTokenGuard)
@Controller('internal/orders')
export class OrderController {
  constructor(private readonly orders: OrderService) {}

  @Post()
  @HttpCode(200)
  async place(@Body() command: PlaceOrderCommandDto): Promise<DataEnvelope<PlacedOrder>> {
    return envelope(await this.orders.place(command));
  }

  @Get(':number')
  async get(@Param('number', ParseIntPipe) number: number): Promise<DataEnvelope<OrderRecord>> {
    return envelope(await this.orders.get(number));
  }
}
