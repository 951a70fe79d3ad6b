import { Injectable } from '@nestjs/common';
import { CatalogClient } from '../shared/clients/catalog.client';
import { AppliedTrade, OrderRecord, PlacedOrder, PlaceOrderCommand } from '../shared/contracts';
import { IdempotencyConflictError, OrderNotFoundError } from '../shared/errors';
import { Mutex } from '../shared/sync/mutex';
import { OrderLogRepository } from './order-log.repository';

function sameTrade(order: OrderRecord, command: PlaceOrderCommand): boolean {
  return order.name === command.name && order.type === command.type && order.quantity === command.quantity;
}

/**
 * Places orders: the catalog applies the trade (at most once per request id), then the order
 * gets the next transaction number. Numbers are handed out one at a time, so there are no gaps
 * and no duplicates however many requests arrive together.
 */
@Injectable()
export class OrderService {
  private readonly sequencer = new Mutex();

  constructor(
    private readonly log: OrderLogRepository,
    private readonly catalog: CatalogClient,
  ) {}

  async place(command: PlaceOrderCommand): Promise<PlacedOrder> {
    const known = await this.log.findByRequestId(command.requestId);
    if (known) return this.replay(known, command);
    const trade = await this.catalog.trade({
      tradeId: command.requestId,
      name: command.name,
      type: command.type,
      quantity: command.quantity,
    });
    return this.sequencer.run(() => this.record(trade));
  }

  async get(number: number): Promise<OrderRecord> {
    const order = await this.log.findByNumber(number);
    if (!order) throw new OrderNotFoundError();
    return order;
  }

  private async record(trade: AppliedTrade): Promise<PlacedOrder> {
    const known = await this.log.findByRequestId(trade.tradeId);
    if (known) return { transactionNumber: known.number };
    const number = (await this.log.lastNumber()) + 1;
    await this.log.append({
      number,
      name: trade.name,
      type: trade.type,
      quantity: trade.quantity,
      requestId: trade.tradeId,
      tradeSeq: trade.seq,
    });
    return { transactionNumber: number };
  }

  private replay(known: OrderRecord, command: PlaceOrderCommand): PlacedOrder {
    if (!sameTrade(known, command)) throw new IdempotencyConflictError();
    return { transactionNumber: known.number };
  }
}
