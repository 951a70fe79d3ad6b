import { Injectable } from '@nestjs/common';
import { CatalogClient } from '../../shared/clients/catalog.client';
import { OrderOutcome, OrderRecord, PlaceOrderCommand, TradeOutcome } from '../../shared/contracts';
import { NotLeaderError, OrderNotFoundError, StaleEpochError } from '../../shared/errors';
import { OrderLogRepository } from '../log/order-log.repository';
import { ReplicaState } from '../replication/replica-state';
import { ReplicationService } from '../replication/replication.service';
import { RollForwardService } from '../replication/roll-forward.service';
import { FaultInjector } from './fault-injector';
import { OrderSequencer } from './order-sequencer';

/**
 * The leader's order path, for a batch of orders at a time: the catalog applies the trades (at
 * most once per request id, each with its own outcome), the applied ones get the next
 * transaction numbers, and the answer waits until a majority holds them. A request id seen
 * before gets its first outcome again: the catalog's journal and the log both remember it.
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

  async place(orders: readonly PlaceOrderCommand[]): Promise<OrderOutcome[]> {
    this.state.assertLeading();
    const epoch = this.state.epoch;
    await this.rollForward.ensure();
    this.replication.assertQuorum();
    const trades = await this.applyAtCatalog(orders, epoch);
    this.faults.afterCatalogTrade();
    const applied = trades.flatMap((outcome) => ('applied' in outcome ? [outcome.applied] : []));
    const numbers = await this.sequencer.record(applied, epoch);
    if (numbers.size > 0) {
      const last = Math.max(...numbers.values());
      this.replication.appended(last);
      await this.replication.waitCommitted(last);
    }
    return trades.map((outcome) =>
      'applied' in outcome ? { transactionNumber: numbers.get(outcome.applied.tradeId)! } : outcome,
    );
  }

  /** Only committed orders are visible: an order no client was told about does not exist yet. */
  async get(number: number): Promise<OrderRecord> {
    this.state.assertLeading();
    const order = number <= this.state.commitNumber ? await this.log.findByNumber(number) : null;
    if (!order) throw new OrderNotFoundError();
    return order;
  }

  private async applyAtCatalog(orders: readonly PlaceOrderCommand[], epoch: number): Promise<TradeOutcome[]> {
    const trades = orders.map(({ requestId, name, type, quantity }) => ({ tradeId: requestId, name, type, quantity }));
    try {
      return await this.catalog.trade({ epoch, trades });
    } catch (error) {
      if (!(error instanceof StaleEpochError)) throw error;
      this.state.stepDown('the catalog was fenced by a newer leader');
      throw NotLeaderError.replica(this.state.id);
    }
  }
}
