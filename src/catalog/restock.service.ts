import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { StockView } from '../shared/contracts';
import { toStockView } from './catalog.service';
import { InvalidationPublisher } from './invalidation-publisher';
import { Stock } from './stock.entity';
import { StockRepository, TradeTransaction } from './stock.repository';

/** The restock rule: a stock below the threshold (and below its seed quantity) is refilled. */
export function needsRestock(stock: Pick<Stock, 'quantity' | 'initialQuantity'>, threshold: number): boolean {
  return stock.quantity < threshold && stock.quantity < stock.initialQuantity;
}

/**
 * Refills low stocks to their initial quantity. Each refill is a change like a trade: it goes
 * through the serialized write path, bumps the version and is pushed to the frontend's cache.
 */
@Injectable()
export class RestockService {
  private readonly logger = new Logger(RestockService.name);

  constructor(
    private readonly stocks: StockRepository,
    private readonly invalidations: InvalidationPublisher,
    private readonly config: AppConfig,
  ) {}

  /** Returns the stocks it refilled, as they are now. */
  async restockLow(): Promise<StockView[]> {
    const threshold = this.config.restockThreshold;
    const restocked: StockView[] = [];
    for (const candidate of await this.stocks.findBelowQuantity(threshold)) {
      const stock = await this.stocks.transaction((tx) => this.refill(tx, candidate.name, threshold));
      if (!stock) continue;
      this.invalidations.publish({ name: stock.name, version: stock.version });
      this.logger.log(`restocked ${stock.name} to ${stock.quantity} (v${stock.version})`);
      restocked.push(toStockView(stock));
    }
    return restocked;
  }

  private async refill(tx: TradeTransaction, name: string, threshold: number): Promise<Stock | null> {
    const stock = await tx.findStock(name);
    if (!stock || !needsRestock(stock, threshold)) return null;
    Object.assign(stock, { quantity: stock.initialQuantity, version: stock.version + 1 });
    await tx.save(stock);
    return stock;
  }
}
