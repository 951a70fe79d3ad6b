import { Injectable } from '@nestjs/common';
import { JournalEntry } from '../shared/contracts';
import { StaleEpochError } from '../shared/errors';
import { StockRepository } from './stock.repository';

/**
 * What a new order leader needs from the catalog to roll forward: a fence that refuses trades
 * from older leaders, and the journal of applied trades to compare with its order log.
 */
@Injectable()
export class TradeJournalService {
  constructor(private readonly stocks: StockRepository) {}

  /** Raises the fence to `epoch`; refuses (StaleEpochError) when a newer leader already fenced. */
  async fence(epoch: number): Promise<void> {
    const current = await this.stocks.transaction(async (tx) => {
      const fence = await tx.fenceEpoch();
      if (epoch > fence) await tx.raiseFence(epoch);
      return fence;
    });
    if (epoch < current) throw StaleEpochError.refusing(epoch, current);
  }

  async entriesAfter(afterSeq: number, limit: number): Promise<JournalEntry[]> {
    const entries = await this.stocks.journalAfter(afterSeq, limit);
    return entries.map(({ tradeId, seq, name, type, quantity }) => ({ tradeId, seq: seq ?? 0, name, type, quantity }));
  }
}
