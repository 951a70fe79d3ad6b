import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { sharedImports, sharedProviders } from '../shared/shared-providers';
import { SqlitePragmas } from '../shared/database/sqlite-pragmas';
import { sqliteOptions } from '../shared/database/sqlite-options';
import { HealthController } from '../shared/health/health.controller';
import { Readiness } from '../shared/health/readiness';
import { CatalogReadiness } from './catalog-readiness';
import { CatalogController } from './catalog.controller';
import { CatalogService } from './catalog.service';
import { CatalogSchema1764150000000 } from './migrations/1764150000000-catalog-schema';
import { StockSeeder } from './stock-seeder';
import { Stock } from './stock.entity';
import { StockRepository } from './stock.repository';
import { TradeEntry } from './trade-entry.entity';

const entities = [Stock, TradeEntry];

@Module({
  imports: [
    ...sharedImports(),
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        sqliteOptions(config, 'catalog.sqlite', entities, [CatalogSchema1764150000000]),
    }),
    TypeOrmModule.forFeature(entities),
  ],
  controllers: [HealthController, CatalogController],
  providers: [
    ...sharedProviders,
    SqlitePragmas,
    StockRepository,
    CatalogService,
    StockSeeder,
    { provide: Readiness, useClass: CatalogReadiness },
  ],
})
export class CatalogModule {}
