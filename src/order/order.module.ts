import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { CatalogClient } from '../shared/clients/catalog.client';
import { HttpCatalogClient } from '../shared/clients/http-catalog.client';
import { HttpReplicaClient } from '../shared/clients/http-replica.client';
import { ReplicaClient } from '../shared/clients/replica.client';
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
import { ReplicaStateRow } from './replica-state.entity';
import { LogSync } from './replication/log-sync.service';
import { ReplicaState } from './replication/replica-state';
import { ReplicaController } from './replication/replica.controller';
import { ReplicaService } from './replication/replica.service';
import { ReplicationService } from './replication/replication.service';

const entities = [Order, ReplicaStateRow];

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
  controllers: [HealthController, OrderController, ReplicaController],
  providers: [
    ...sharedProviders,
    SqlitePragmas,
    OrderLogRepository,
    OrderService,
    ReplicaState,
    LogSync,
    ReplicationService,
    ReplicaService,
    { provide: CatalogClient, useClass: HttpCatalogClient },
    { provide: ReplicaClient, useClass: HttpReplicaClient },
    { provide: Readiness, useClass: OrderReadiness },
  ],
})
export class OrderModule {}
