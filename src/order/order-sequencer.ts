import { Injectable } from '@nestjs/common';
import { JournalEntry } from '../shared/contracts';
import { OrderLogRepository } from './order-log.repository';
import { ReplicaState } from './replication/replica-state';

/**
 * Gives an applied trade its transaction number in the leader's log: one at a time, the next
 * number after the last, and never a second number for the same request id.
 */
@Injectable()
export class OrderSequencer {
  constructor(
    private readonly log: OrderLogRepository,
    private readonly state: ReplicaState,
  ) {}

  /**
   * If leadership is lost meanwhile, the entry stays an uncommitted tail that the next leader
   * replaces, and its trade is rolled forward there: nothing is lost or doubled.
   */
  record(trade: JournalEntry): Promise<number> {
    this.state.assertLeading();
    const epoch = this.state.epoch;
    return this.log.appendNext(trade.tradeId, (number) => ({
      number,
      name: trade.name,
      type: trade.type,
      quantity: trade.quantity,
      requestId: trade.tradeId,
      tradeSeq: trade.seq,
      epoch,
    }));
  }
}
