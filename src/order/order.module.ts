import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { CatalogClient } from '../shared/clients/catalog.client';
import { HttpCatalogClient } from '../shared/clients/http-catalog.client';
import { SqlitePragmas } from '../shared/database/sqlite-pragmas';
import { sqliteOptions } from '../shared/database/sqlite-options';
import { HealthController } from '../shared/health/health.controller';
import { Readiness } from '../shared/health/readiness';
import { sharedImports, sharedProviders } from '../shared/shared-providers';
import { OrderSchema1764150000001 } from './migrations/1764150000001-order-schema';
import { OrderLogRepository } from './order-log.repository';
import { OrderReadiness } from './order-readiness';
import { OrderController } from './order.controller';
import { Order } from './order.entity';
import { OrderService } from './order.service';

const entities = [Order];

@Module({
  imports: [
    ...sharedImports(),
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        sqliteOptions(config, `order-${config.replicaId}.sqlite`, entities, [OrderSchema1764150000001]),
    }),
    TypeOrmModule.forFeature(entities),
  ],
  controllers: [HealthController, OrderController],
  providers: [
    ...sharedProviders,
    SqlitePragmas,
    OrderLogRepository,
    OrderService,
    { provide: CatalogClient, useClass: HttpCatalogClient },
    { provide: Readiness, useClass: OrderReadiness },
  ],
})
export class OrderModule {}
