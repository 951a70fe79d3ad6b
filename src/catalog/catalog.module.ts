import { Module } from '@nestjs/common';
import { SqliteModule } from '../shared/database/sqlite.module';
import { HealthController } from '../shared/health/health.controller';
import { Readiness } from '../shared/health/readiness';
import { sharedImports, sharedProviders } from '../shared/shared-providers';
import { CatalogReadiness } from './catalog-readiness';
import { HttpInvalidationPublisher } from './invalidation/http-invalidation-publisher';
import { InvalidationPublisher } from './invalidation/invalidation-publisher';
import { CatalogLedger } from './ledger/catalog-ledger';
import { CatalogStateRow } from './ledger/catalog-state.entity';
import { JournalEntryRow } from './ledger/journal-entry.entity';
import { CatalogMetrics } from './metrics/catalog.metrics';
import { SqliteCatalogLedger } from './ledger/sqlite-catalog-ledger';
import { Stock } from './ledger/stock.entity';
import { CatalogSchema1764150000000 } from './migrations/1764150000000-catalog-schema';
import { JournalAppliesTrades1764900000000 } from './migrations/1764900000000-journal-applies-trades';
import { RestockJob } from './restock/restock.job';
import { RestockService } from './restock/restock.service';
import { StockSeeder } from './stocks/stock-seeder';
import { StocksController } from './stocks/stocks.controller';
import { StocksService } from './stocks/stocks.service';
import { TradeJournalService } from './trades/trade-journal.service';
import { TradeService } from './trades/trade.service';
import { TradesController } from './trades/trades.controller';

/** The catalog's migrations, in order (also used by tests that build its database). */
export const CATALOG_MIGRATIONS = [CatalogSchema1764150000000, JournalAppliesTrades1764900000000];
export const CATALOG_ENTITIES = [Stock, JournalEntryRow, CatalogStateRow];

@Module({
  imports: [
    ...sharedImports(),
    SqliteModule.forRoot({
      fileName: () => 'catalog.sqlite',
      entities: CATALOG_ENTITIES,
      migrations: CATALOG_MIGRATIONS,
    }),
  ],
  controllers: [HealthController, StocksController, TradesController],
  providers: [
    ...sharedProviders,
    { provide: CatalogLedger, useClass: SqliteCatalogLedger },
    StocksService,
    TradeService,
    TradeJournalService,
    StockSeeder,
    RestockService,
    RestockJob,
    CatalogMetrics,
    { provide: InvalidationPublisher, useClass: HttpInvalidationPublisher },
    { provide: Readiness, useClass: CatalogReadiness },
  ],
})
export class CatalogModule {}
