import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { AppConfig } from '../../config/app-config';
import { CatalogLedger } from '../ledger/catalog-ledger';
import { Stock } from '../ledger/stock.entity';

interface SeedStock {
  name: string;
  price: number;
  quantity: number;
}

function readSeed(file: string): SeedStock[] {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const valid =
    Array.isArray(parsed) &&
    parsed.every(
      (s: Partial<SeedStock>) =>
        typeof s.name === 'string' &&
        typeof s.price === 'number' &&
        Number.isInteger(s.quantity) &&
        (s.quantity ?? -1) >= 0,
    );
  if (!valid) throw new Error(`${file}: expected an array of {name, price, quantity}`);
  return parsed as SeedStock[];
}

/** Loads the seed file into an empty catalog; afterwards the SQLite file is the truth. */
@Injectable()
export class StockSeeder implements OnModuleInit {
  private readonly logger = new Logger(StockSeeder.name);

  constructor(
    private readonly ledger: CatalogLedger,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if ((await this.ledger.count()) > 0) return;
    const seed = readSeed(this.config.stocksFile);
    await this.ledger.insertStocks(
      seed.map((s) => Object.assign(new Stock(), { ...s, volume: 0, initialQuantity: s.quantity, version: 1 })),
    );
    this.logger.log(`seeded ${seed.length} stocks from ${this.config.stocksFile}`);
  }
}
