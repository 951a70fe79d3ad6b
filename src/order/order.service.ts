import { Injectable } from '@nestjs/common';
import { CatalogClient } from '../shared/clients/catalog.client';
import { AppliedTrade, OrderRecord, PlacedOrder, PlaceOrderCommand } from '../shared/contracts';
import { IdempotencyConflictError, OrderNotFoundError } from '../shared/errors';
import { OrderLogRepository } from './order-log.repository';
import { ReplicaState } from './replication/replica-state';
import { ReplicationService } from './replication/replication.service';

function sameTrade(order: OrderRecord, command: PlaceOrderCommand): boolean {
  return order.name === command.name && order.type === command.type && order.quantity === command.quantity;
}

/**
 * The leader's order path: the catalog applies the trade (at most once per request id), the
 * order gets the next transaction number in the local log, and the answer waits until a majority
 * of replicas holds it. Numbers are handed out one at a time: no gaps, no duplicates.
 */
@Injectable()
export class OrderService {
  constructor(
    private readonly log: OrderLogRepository,
    private readonly catalog: CatalogClient,
    private readonly state: ReplicaState,
    private readonly replication: ReplicationService,
  ) {}

  async place(command: PlaceOrderCommand): Promise<PlacedOrder> {
    this.state.assertLeading();
    const known = await this.log.findByRequestId(command.requestId);
    if (known) return this.replay(known, command);
    this.replication.assertQuorum();
    const trade = await this.catalog.trade({
      tradeId: command.requestId,
      name: command.name,
      type: command.type,
      quantity: command.quantity,
    });
    const number = await this.log.exclusive(() => this.record(trade));
    this.replication.appended(number);
    await this.replication.waitCommitted(number);
    return { transactionNumber: number };
  }

  /** Only committed orders are visible: an order no client was told about does not exist yet. */
  async get(number: number): Promise<OrderRecord> {
    this.state.assertLeading();
    const order = number <= this.state.commitNumber ? await this.log.findByNumber(number) : null;
    if (!order) throw new OrderNotFoundError();
    return order;
  }

  private async record(trade: AppliedTrade): Promise<number> {
    this.state.assertLeading();
    const known = await this.log.findByRequestId(trade.tradeId);
    if (known) return known.number;
    const number = (await this.log.lastPosition()).number + 1;
    await this.log.append({
      number,
      name: trade.name,
      type: trade.type,
      quantity: trade.quantity,
      requestId: trade.tradeId,
      tradeSeq: trade.seq,
      epoch: this.state.epoch,
    });
    return number;
  }

  private async replay(known: OrderRecord, command: PlaceOrderCommand): Promise<PlacedOrder> {
    if (!sameTrade(known, command)) throw new IdempotencyConflictError();
    await this.replication.waitCommitted(known.number);
    return { transactionNumber: known.number };
  }
}
