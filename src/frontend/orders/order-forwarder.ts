import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { PlaceOrderCommand } from '../../shared/contracts';
import { errorFromReply } from '../../shared/errors';
import { Batcher, failed, fulfilled, Settled } from '../../shared/sync/batcher';
import { LeaderElection } from '../election/leader-election.service';
import { OrderClient } from './order.client';

/**
 * Forwards orders to the leader in batches: an order placed while a batch is in flight waits and
 * leaves with the next one, so under load one internal request carries many orders. The batch is
 * retried as a whole on a new leader (same request ids, so nothing trades twice); each order
 * still gets its own outcome.
 */
@Injectable()
export class OrderForwarder {
  private readonly batches: Batcher<PlaceOrderCommand, number>;

  constructor(
    private readonly orders: OrderClient,
    private readonly election: LeaderElection,
    config: AppConfig,
  ) {
    this.batches = new Batcher((commands) => this.forward(commands), config.replication.orderBatch);
  }

  /** The order's transaction number, once a majority of replicas holds it. */
  place(command: PlaceOrderCommand): Promise<number> {
    return this.batches.submit(command);
  }

  private async forward(commands: PlaceOrderCommand[]): Promise<Settled<number>[]> {
    const outcomes = await this.election.withLeader((leader, signal) => this.orders.place(leader, commands, signal));
    return outcomes.map((outcome) =>
      'transactionNumber' in outcome
        ? fulfilled(outcome.transactionNumber)
        : failed(errorFromReply('order service', outcome.error)),
    );
  }
}
