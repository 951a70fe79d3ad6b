import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { StockCacheService } from '../cache/stock-cache.service';
import { LeaderElection } from '../election/leader-election.service';
import { OrderForwarder } from './order-forwarder';
import { OrderClient } from './order.client';
import { OrderReceipt, OrderView } from './order.responses';
import { PlaceOrderDto } from './place-order.dto';

/** Public trades and order lookups, forwarded to the leading order replica (and retried on failover). */
@Injectable()
export class OrdersService {
  constructor(
    private readonly forwarder: OrderForwarder,
    private readonly orders: OrderClient,
    private readonly election: LeaderElection,
    private readonly cache: StockCacheService,
  ) {}

  /** Without a client key, one is made here so that retries of this request stay safe. */
  async place(order: PlaceOrderDto, idempotencyKey?: string): Promise<OrderReceipt> {
    const { name, type, quantity } = order;
    const transactionNumber = await this.forwarder.place({
      requestId: idempotencyKey ?? randomUUID(),
      name,
      type,
      quantity,
    });
    // Before answering, so this client's next lookup cannot be served the pre-trade value.
    this.cache.invalidate(name);
    return { transaction_number: transactionNumber };
  }

  async get(number: number): Promise<OrderView> {
    const { name, type, quantity } = await this.election.withLeader((leader, signal) =>
      this.orders.get(leader, number, signal),
    );
    return { number, name, type, quantity };
  }
}
