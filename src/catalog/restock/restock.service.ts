import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { StockView } from '../../shared/contracts';
import { InvalidationPublisher } from '../invalidation/invalidation-publisher';
import { CatalogLedger, LedgerTransaction } from '../ledger/catalog-ledger';
import { Stock } from '../ledger/stock.entity';
import { toStockView } from '../stocks/stock-view';

/** The restock rule: a stock below the threshold (and below its seed quantity) is refilled. */
export function needsRestock(stock: Pick<Stock, 'quantity' | 'initialQuantity'>, threshold: number): boolean {
  return stock.quantity < threshold && stock.quantity < stock.initialQuantity;
}

/**
 * Refills low stocks to their initial quantity. Each refill is a change like a trade: it is
 * journaled (kind restock, so conservation can count it), bumps the version and is pushed to
 * the frontend's cache.
 */
@Injectable()
export class RestockService {
  private readonly logger = new Logger(RestockService.name);

  constructor(
    private readonly ledger: CatalogLedger,
    private readonly invalidations: InvalidationPublisher,
    private readonly config: AppConfig,
  ) {}

  /** Returns the stocks it refilled, as they are now. */
  async restockLow(): Promise<StockView[]> {
    const threshold = this.config.restockThreshold;
    const candidates = (await this.ledger.listStocks()).filter((stock) => needsRestock(stock, threshold));
    if (candidates.length === 0) return [];
    const refilled = await this.ledger.transaction(async (tx) => {
      await tx.lockStocks(candidates.map((candidate) => candidate.name));
      return candidates.flatMap((candidate) => refill(tx, candidate.name, threshold));
    });
    for (const stock of refilled) {
      this.invalidations.publish({ name: stock.name, version: stock.version });
      this.logger.log(`restocked ${stock.name} to ${stock.quantity} (v${stock.version})`);
    }
    return refilled.map(toStockView);
  }
}

/** Re-checked inside the transaction: a trade may have changed the stock since it was listed. */
function refill(tx: LedgerTransaction, name: string, threshold: number): Stock[] {
  const stock = tx.findStock(name);
  if (!stock || !needsRestock(stock, threshold)) return [];
  return [tx.restock(name, stock.initialQuantity - stock.quantity)];
}
