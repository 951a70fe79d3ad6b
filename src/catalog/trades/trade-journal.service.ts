import { Injectable } from '@nestjs/common';
import { JournalEntry, RestockEntry } from '../../shared/contracts';
import { StaleEpochError } from '../../shared/errors';
import { CatalogLedger } from '../ledger/catalog-ledger';

/**
 * What a new order leader needs from the catalog to roll forward: a fence that refuses trades
 * from older leaders, and the journal of applied trades to compare with its order log.
 */
@Injectable()
export class TradeJournalService {
  constructor(private readonly ledger: CatalogLedger) {}

  /** Raises the fence to `epoch`; refuses (StaleEpochError) when a newer leader already fenced. */
  async fence(epoch: number): Promise<void> {
    const current = await this.ledger.transaction(async (tx) => {
      const fence = tx.fenceEpoch;
      tx.raiseFence(epoch);
      return fence;
    });
    if (epoch < current) throw StaleEpochError.refusing(epoch, current);
  }

  entriesAfter(afterSeq: number, limit: number): Promise<JournalEntry[]> {
    return this.ledger.journalAfter(afterSeq, limit);
  }

  /** Every restock, for checking conservation: quantity comes from trades and restocks only. */
  restocks(): Promise<RestockEntry[]> {
    return this.ledger.restocks();
  }
}
