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

  record(trade: JournalEntry): Promise<number> {
    return this.log.exclusive(async () => {
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
    });
  }
}
