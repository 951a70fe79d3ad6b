import { Module } from '@nestjs/common';
import { HealthController } from '../shared/health/health.controller';
import { Readiness } from '../shared/health/readiness';
import { sharedImports, sharedProviders } from '../shared/shared-providers';
import { CatalogReadiness } from './catalog-readiness';
import { HttpInvalidationPublisher } from './invalidation/http-invalidation-publisher';
import { InvalidationPublisher } from './invalidation/invalidation-publisher';
import { CatalogDatabaseModule } from './ledger/catalog-database.module';
import { CatalogMetrics } from './metrics/catalog.metrics';
import { RestockJob } from './restock/restock.job';
import { RestockService } from './restock/restock.service';
import { StockSeeder } from './stocks/stock-seeder';
import { StocksController } from './stocks/stocks.controller';
import { StocksService } from './stocks/stocks.service';
import { TradeJournalService } from './trades/trade-journal.service';
import { TradeService } from './trades/trade.service';
import { TradesController } from './trades/trades.controller';

@Module({
  imports: [...sharedImports(), CatalogDatabaseModule.forRoot()],
  // Express tries a request against each route in this order: trades first.
  controllers: [TradesController, StocksController, HealthController],
  providers: [
    ...sharedProviders,
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
