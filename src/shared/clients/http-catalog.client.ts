import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { AppliedTrade, JournalEntry, StockView, TradeCommand } from '../contracts';
import {
  IdempotencyConflictError,
  NotEnoughStockError,
  StaleEpochError,
  StockNotFoundError,
  UpstreamUnavailableError,
} from '../errors';
import { InternalHttp, InternalResponse } from '../http/internal-http';
import { CatalogClient } from './catalog.client';

const SERVICE = 'catalog';

function unwrap<T>(response: InternalResponse<T>): T {
  if (response.status === 200 && response.data !== undefined) return response.data;
  switch (response.status) {
    case 412:
      throw new StaleEpochError(response.message);
    case 404:
      throw new StockNotFoundError();
    case 409:
      throw new NotEnoughStockError();
    case 422:
      throw new IdempotencyConflictError();
    default:
      throw new UpstreamUnavailableError(SERVICE);
  }
}

@Injectable()
export class HttpCatalogClient extends CatalogClient {
  constructor(
    private readonly http: InternalHttp,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async lookup(name: string): Promise<StockView> {
    const url = `${this.config.catalogUrl}/internal/stocks/${encodeURIComponent(name)}`;
    return unwrap(await this.http.request<StockView>(SERVICE, 'GET', url));
  }

  async list(): Promise<StockView[]> {
    return unwrap(await this.http.request<StockView[]>(SERVICE, 'GET', `${this.config.catalogUrl}/internal/stocks`));
  }

  async trade(command: TradeCommand): Promise<AppliedTrade> {
    const url = `${this.config.catalogUrl}/internal/trades`;
    return unwrap(await this.http.request<AppliedTrade>(SERVICE, 'POST', url, command));
  }

  async fence(epoch: number): Promise<void> {
    const url = `${this.config.catalogUrl}/internal/fence`;
    unwrap(await this.http.request<unknown>(SERVICE, 'POST', url, { epoch }));
  }

  async journal(afterSeq: number, limit: number): Promise<JournalEntry[]> {
    const url = `${this.config.catalogUrl}/internal/journal?after=${afterSeq}&limit=${limit}`;
    return unwrap(await this.http.request<JournalEntry[]>(SERVICE, 'GET', url));
  }
}
