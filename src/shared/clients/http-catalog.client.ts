import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { JournalEntry, StockView, TradeBatch, TradeOutcome } from '../contracts';
import { UpstreamUnavailableError } from '../errors';
import { InternalHttp } from '../http/internal-http';
import { Clock } from '../time/clock';
import { CatalogClient } from './catalog.client';

const SERVICE = 'catalog';
/** A catalog that could not serve is tried last for this long. */
export const CATALOG_COOL_DOWN_MS = 1000;

/**
 * The catalogs of CATALOG_URL (several share one PostgreSQL database). Each call goes to one
 * catalog, taking them in turn, so that all of them carry load; when the catalog cannot serve
 * (refused, reset, timed out, or answering 5xx) the same call goes to the next, until each was
 * tried once, and the one that failed is tried last for CATALOG_COOL_DOWN_MS. Every call is safe
 * to repeat: a trade carries its trade id, which the shared journal applies once; the fence only
 * rises; reads change nothing. With one catalog this is one call, as it always was.
 */
@Injectable()
export class HttpCatalogClient extends CatalogClient {
  private readonly urls: readonly string[];
  /** Per catalog: until when it is tried last. */
  private readonly coolingUntil: number[];
  private turn = 0;

  constructor(
    private readonly http: InternalHttp,
    config: AppConfig,
    private readonly clock: Clock,
  ) {
    super();
    this.urls = config.catalogUrls;
    this.coolingUntil = this.urls.map(() => 0);
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
    const order = this.order();
    for (let tried = 0; ; tried += 1) {
      const index = order[tried];
      try {
        return await this.http.call<T>(SERVICE, method, `${this.urls[index]}${path}`, body);
      } catch (error) {
        if (!(error instanceof UpstreamUnavailableError)) throw error;
        if (this.urls.length > 1) this.coolingUntil[index] = this.clock.now() + CATALOG_COOL_DOWN_MS;
        if (tried + 1 >= order.length) throw error;
      }
    }
  }

  /** Every catalog once: from the next in turn on, those that recently failed last. */
  private order(): number[] {
    if (this.urls.length === 1) return [0];
    const start = this.turn++ % this.urls.length;
    const now = this.clock.now();
    const rotation = this.urls.map((_, i) => (start + i) % this.urls.length);
    return [
      ...rotation.filter((i) => this.coolingUntil[i] <= now),
      ...rotation.filter((i) => this.coolingUntil[i] > now),
    ];
  }
}
