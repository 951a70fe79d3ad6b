import { Injectable } from '@nestjs/common';
import { CatalogClient } from '../../shared/clients/catalog.client';
import { MAX_STOCK_NAME_LENGTH, StockView } from '../../shared/contracts';
import { StockNotFoundError } from '../../shared/errors';
import { StockCacheService } from '../cache/stock-cache.service';
import { StockQuote, StockSummary } from './stock.responses';

/** Public stock lookups; single-stock lookups go through the cache. */
@Injectable()
export class StocksService {
  private readonly loadFromCatalog = (name: string): Promise<StockView> => this.catalog.lookup(name);

  constructor(
    private readonly catalog: CatalogClient,
    private readonly cache: StockCacheService,
  ) {}

  /**
   * A cache hit is answered at once, a miss once the catalog answers. A name longer than any
   * stock's cannot be found: answered here, without asking the catalog.
   */
  quote(name: string): StockQuote | Promise<StockQuote> {
    if (name.length > MAX_STOCK_NAME_LENGTH) throw new StockNotFoundError();
    const view = this.cache.lookup(name, this.loadFromCatalog);
    return view instanceof Promise ? view.then((fetched) => quoteOf(name, fetched)) : quoteOf(name, view);
  }

  async list(): Promise<StockSummary[]> {
    return (await this.catalog.list()).map(({ name, price, quantity, volume }) => ({ name, price, quantity, volume }));
  }
}

function quoteOf(name: string, { price, quantity }: StockView): StockQuote {
  return { name, price, quantity };
}
