import { Injectable } from '@nestjs/common';
import { Readiness } from '../shared/health/readiness';
import { StockRepository } from './stock.repository';

@Injectable()
export class CatalogReadiness extends Readiness {
  constructor(private readonly stocks: StockRepository) {
    super();
  }

  async check(): Promise<Record<string, unknown>> {
    return { stocks: await this.stocks.count() };
  }
}
