import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { JournalEntry, StockView, TradeBatch, TradeOutcome } from '../contracts';
import { InternalHttp } from '../http/internal-http';
import { CatalogClient } from './catalog.client';

const SERVICE = 'catalog';

@Injectable()
export class HttpCatalogClient extends CatalogClient {
  constructor(
    private readonly http: InternalHttp,
    private readonly config: AppConfig,
  ) {
    super();
  }

  /** The name travels as a query parameter: as a path segment, '.' or '..' would be resolved away. */
  lookup(name: string): Promise<StockView> {
    return this.http.call(SERVICE, 'GET', `${this.config.catalogUrl}/internal/stock?name=${encodeURIComponent(name)}`);
  }

  list(): Promise<StockView[]> {
    return this.http.call(SERVICE, 'GET', `${this.config.catalogUrl}/internal/stocks`);
  }

  trade(batch: TradeBatch): Promise<TradeOutcome[]> {
    return this.http.call(SERVICE, 'POST', `${this.config.catalogUrl}/internal/trades`, batch);
  }

  async fence(epoch: number): Promise<void> {
    await this.http.call(SERVICE, 'POST', `${this.config.catalogUrl}/internal/fence`, { epoch });
  }

  journal(afterSeq: number, limit: number): Promise<JournalEntry[]> {
    return this.http.call(
      SERVICE,
      'GET',
      `${this.config.catalogUrl}/internal/journal?after=${afterSeq}&limit=${limit}`,
    );
  }
}
