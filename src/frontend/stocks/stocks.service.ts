import { Injectable } from '@nestjs/common';
import { CatalogClient } from '../../shared/clients/catalog.client';
import { StockCacheService } from '../cache/stock-cache.service';
import { StockQuote, StockSummary } from './stock.responses';

/** Public stock lookups; single-stock lookups go through the cache. */
@Injectable()
export class StocksService {
  constructor(
    private readonly catalog: CatalogClient,
    private readonly cache: StockCacheService,
  ) {}

  async quote(name: string): Promise<StockQuote> {
    const { price, quantity } = await this.cache.lookup(name, (stock) => this.catalog.lookup(stock));
    return { name, price, quantity };
  }

  async list(): Promise<StockSummary[]> {
    return (await this.catalog.list()).map(({ name, price, quantity, volume }) => ({ name, price, quantity, volume }));
  }
}
