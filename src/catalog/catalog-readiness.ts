import { Injectable } from '@nestjs/common';
import { Readiness } from '../shared/health/readiness';
import { CatalogLedger } from './ledger/catalog-ledger';

@Injectable()
export class CatalogReadiness extends Readiness {
  constructor(private readonly ledger: CatalogLedger) {
    super();
  }

  async check(): Promise<Record<string, unknown>> {
    return { stocks: await this.ledger.count() };
  }
}
