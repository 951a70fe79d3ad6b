import { Injectable } from '@nestjs/common';
import { JournalEntry } from '../../shared/contracts';
import { OrderLogRepository } from '../log/order-log.repository';
import { ReplicaState } from '../replication/replica-state';

/**
 * Gives applied trades their transaction numbers in the leader's log: the next numbers after
 * the last, in the order given, and never a second number for the same request id.
 */
@Injectable()
export class OrderSequencer {
  constructor(
    private readonly log: OrderLogRepository,
    private readonly state: ReplicaState,
  ) {}

  /**
   * Written only while this replica still leads at `epoch` (NotLeaderError otherwise). If
   * leadership is lost afterwards, the entries stay an uncommitted tail that the next leader
   * replaces, and their trades are rolled forward there: nothing is lost or doubled.
   */
  record(trades: readonly JournalEntry[], epoch: number): Promise<Map<string, number>> {
    return this.state.whileLeading(epoch, () => this.log.appendTrades(trades, epoch));
  }
}
