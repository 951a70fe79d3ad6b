import { Module } from '@nestjs/common';
import { SqliteModule } from '../shared/database/sqlite.module';
import { sharedImports, sharedProviders } from '../shared/shared-providers';
import { HealthController } from '../shared/health/health.controller';
import { Readiness } from '../shared/health/readiness';
import { CatalogReadiness } from './catalog-readiness';
import { CatalogStateRow } from './catalog-state.entity';
import { CatalogController } from './catalog.controller';
import { CatalogService } from './catalog.service';
import { HttpInvalidationPublisher } from './http-invalidation-publisher';
import { InvalidationPublisher } from './invalidation-publisher';
import { CatalogSchema1764150000000 } from './migrations/1764150000000-catalog-schema';
import { RestockJob } from './restock.job';
import { RestockService } from './restock.service';
import { StockSeeder } from './stock-seeder';
import { Stock } from './stock.entity';
import { StockRepository } from './stock.repository';
import { TradeEntry } from './trade-entry.entity';
import { TradeJournalService } from './trade-journal.service';

@Module({
  imports: [
    ...sharedImports(),
    SqliteModule.forRoot({
      fileName: () => 'catalog.sqlite',
      entities: [Stock, TradeEntry, CatalogStateRow],
      migrations: [CatalogSchema1764150000000],
    }),
  ],
  controllers: [HealthController, CatalogController],
  providers: [
    ...sharedProviders,
    StockRepository,
    CatalogService,
    TradeJournalService,
    StockSeeder,
    RestockService,
    RestockJob,
    { provide: InvalidationPublisher, useClass: HttpInvalidationPublisher },
    { provide: Readiness, useClass: CatalogReadiness },
  ],
})
export class CatalogModule {}
