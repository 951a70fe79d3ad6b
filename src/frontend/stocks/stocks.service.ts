import { Injectable } from '@nestjs/common';
import { CatalogClient } from '../../shared/clients/catalog.client';
import { MAX_STOCK_NAME_LENGTH } from '../../shared/contracts';
import { StockNotFoundError } from '../../shared/errors';
import { StockCacheService } from '../cache/stock-cache.service';
import { StockQuote, StockSummary } from './stock.responses';

/** Public stock lookups; single-stock lookups go through the cache. */
@Injectable()
export class StocksService {
  constructor(
    private readonly catalog: CatalogClient,
    private readonly cache: StockCacheService,
  ) {}

  /** A name longer than any stock's cannot be found: answered here, without asking the catalog. */
  async quote(name: string): Promise<StockQuote> {
    if (name.length > MAX_STOCK_NAME_LENGTH) throw new StockNotFoundError();
    const { price, quantity } = await this.cache.lookup(name, (stock) => this.catalog.lookup(stock));
    return { name, price, quantity };
  }

  async list(): Promise<StockSummary[]> {
    return (await this.catalog.list()).map(({ name, price, quantity, volume }) => ({ name, price, quantity, volume }));
  }
}
