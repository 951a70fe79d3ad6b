import { Injectable } from '@nestjs/common';
import { CatalogClient } from '../shared/clients/catalog.client';
import { AppliedTrade, OrderRecord, PlacedOrder, PlaceOrderCommand } from '../shared/contracts';
import { IdempotencyConflictError, NotLeaderError, OrderNotFoundError, StaleEpochError } from '../shared/errors';
import { FaultInjector } from './fault-injector';
import { OrderLogRepository } from './order-log.repository';
import { OrderSequencer } from './order-sequencer';
import { ReplicaState } from './replication/replica-state';
import { ReplicationService } from './replication/replication.service';
import { RollForwardService } from './replication/roll-forward.service';

function sameTrade(order: OrderRecord, command: PlaceOrderCommand): boolean {
  return order.name === command.name && order.type === command.type && order.quantity === command.quantity;
}

/**
 * The leader's order path: the catalog applies the trade (at most once per request id), the
 * order gets the next transaction number, and the answer waits until a majority holds it.
 */
@Injectable()
export class OrderService {
  constructor(
    private readonly log: OrderLogRepository,
    private readonly catalog: CatalogClient,
    private readonly state: ReplicaState,
    private readonly sequencer: OrderSequencer,
    private readonly replication: ReplicationService,
    private readonly rollForward: RollForwardService,
    private readonly faults: FaultInjector,
  ) {}

  async place(command: PlaceOrderCommand): Promise<PlacedOrder> {
    this.state.assertLeading();
    await this.rollForward.ensure();
    const known = await this.log.findByRequestId(command.requestId);
    if (known) return this.replay(known, command);
    this.replication.assertQuorum();
    const trade = await this.applyAtCatalog(command);
    this.faults.afterCatalogTrade();
    const number = await this.sequencer.record(trade);
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

  private async applyAtCatalog(command: PlaceOrderCommand): Promise<AppliedTrade> {
    const { requestId, name, type, quantity } = command;
    try {
      return await this.catalog.trade({ tradeId: requestId, name, type, quantity, epoch: this.state.epoch });
    } catch (error) {
      if (!(error instanceof StaleEpochError)) throw error;
      this.replication.stop('the catalog was fenced by a newer leader');
      throw new NotLeaderError(this.state.id);
    }
  }

  private async replay(known: OrderRecord, command: PlaceOrderCommand): Promise<PlacedOrder> {
    if (!sameTrade(known, command)) throw new IdempotencyConflictError();
    await this.replication.waitCommitted(known.number);
    return { transactionNumber: known.number };
  }
}
