import { Module } from '@nestjs/common';
import { CatalogClient } from '../shared/clients/catalog.client';
import { HttpCatalogClient } from '../shared/clients/http-catalog.client';
import { HttpReplicaClient } from '../shared/clients/http-replica.client';
import { ReplicaClient } from '../shared/clients/replica.client';
import { SqliteModule } from '../shared/database/sqlite.module';
import { HealthController } from '../shared/health/health.controller';
import { Readiness } from '../shared/health/readiness';
import { sharedImports, sharedProviders } from '../shared/shared-providers';
import { OrderSchema1764150000001 } from './migrations/1764150000001-order-schema';
import { OrderLogRepository } from './order-log.repository';
import { OrderReadiness } from './order-readiness';
import { OrderController } from './order.controller';
import { Order } from './order.entity';
import { FaultInjector } from './fault-injector';
import { OrderSequencer } from './order-sequencer';
import { OrderService } from './order.service';
import { RollForwardJob } from './replication/roll-forward.job';
import { RollForwardService } from './replication/roll-forward.service';
import { ReplicaStateRow } from './replica-state.entity';
import { LogSync } from './replication/log-sync.service';
import { ReplicaState } from './replication/replica-state';
import { ReplicaController } from './replication/replica.controller';
import { ReplicaService } from './replication/replica.service';
import { ReplicationService } from './replication/replication.service';

@Module({
  imports: [
    ...sharedImports(),
    SqliteModule.forRoot({
      fileName: (config) => `order-${config.replicaId}.sqlite`,
      entities: [Order, ReplicaStateRow],
      migrations: [OrderSchema1764150000001],
    }),
  ],
  controllers: [HealthController, OrderController, ReplicaController],
  providers: [
    ...sharedProviders,
    OrderLogRepository,
    OrderService,
    OrderSequencer,
    RollForwardService,
    RollForwardJob,
    FaultInjector,
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
