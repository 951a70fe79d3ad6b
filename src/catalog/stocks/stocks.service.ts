import { Injectable } from '@nestjs/common';
import { CatalogStats, StockView } from '../../shared/contracts';
import { StockNotFoundError } from '../../shared/errors';
import { CatalogLedger } from '../ledger/catalog-ledger';
import { toStockView } from './stock-view';

/** Stock lookups, from the committed state. */
@Injectable()
export class StocksService {
  private lookups = 0;

  constructor(private readonly ledger: CatalogLedger) {}

  async lookup(name: string): Promise<StockView> {
    this.lookups += 1;
    const stock = await this.ledger.findStock(name);
    if (!stock) throw new StockNotFoundError();
    return toStockView(stock);
  }

  async list(): Promise<StockView[]> {
    return (await this.ledger.listStocks()).map(toStockView);
  }

  /** `trades`: what this process applied (TradeService.applied). */
  stats(trades: number): CatalogStats {
    return { lookups: this.lookups, trades };
  }
}
