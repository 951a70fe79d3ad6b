import { Injectable } from '@nestjs/common';
import { CatalogClient } from '../../shared/clients/catalog.client';
import { StockQuote, StockSummary } from './stock.responses';

/** Public stock lookups. */
@Injectable()
export class StocksService {
  constructor(private readonly catalog: CatalogClient) {}

  async quote(name: string): Promise<StockQuote> {
    const { price, quantity } = await this.catalog.lookup(name);
    return { name, price, quantity };
  }

  async list(): Promise<StockSummary[]> {
    return (await this.catalog.list()).map(({ name, price, quantity, volume }) => ({ name, price, quantity, volume }));
  }
}
