import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { JournalEntry, StockView, TradeBatch, TradeOutcome } from '../contracts';
import { UpstreamUnavailableError } from '../errors';
import { InternalHttp } from '../http/internal-http';
import { CatalogClient } from './catalog.client';

const SERVICE = 'catalog';

/**
 * The catalogs of CATALOG_URL, one at a time: a call goes to the catalog that answered last, and
 * when that one cannot serve (refused, reset, timed out, or answering 5xx) the same call goes to
 * the next, until each was tried once. Every call is safe to repeat: a trade carries its trade
 * id, which the catalogs' shared journal applies once; the fence only rises; reads change nothing.
 */
@Injectable()
export class HttpCatalogClient extends CatalogClient {
  private readonly urls: readonly string[];
  private preferred = 0;

  constructor(
    private readonly http: InternalHttp,
    config: AppConfig,
  ) {
    super();
    this.urls = config.catalogUrls;
  }

  /** The name travels as a query parameter: as a path segment, '.' or '..' would be resolved away. */
  lookup(name: string): Promise<StockView> {
    return this.call('GET', `/internal/stock?name=${encodeURIComponent(name)}`);
  }

  list(): Promise<StockView[]> {
    return this.call('GET', '/internal/stocks');
  }

  trade(batch: TradeBatch): Promise<TradeOutcome[]> {
    return this.call('POST', '/internal/trades', batch);
  }

  async fence(epoch: number): Promise<void> {
    await this.call('POST', '/internal/fence', { epoch });
  }

  journal(afterSeq: number, limit: number): Promise<JournalEntry[]> {
    return this.call('GET', `/internal/journal?after=${afterSeq}&limit=${limit}`);
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const first = this.preferred;
    for (let tried = 0; ; tried += 1) {
      const index = (first + tried) % this.urls.length;
      try {
        const answer = await this.http.call<T>(SERVICE, method, `${this.urls[index]}${path}`, body);
        this.preferred = index;
        return answer;
      } catch (error) {
        if (!(error instanceof UpstreamUnavailableError) || tried + 1 >= this.urls.length) throw error;
      }
    }
  }
}
