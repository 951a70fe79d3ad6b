import { Module } from '@nestjs/common';
import { CatalogClient } from '../shared/clients/catalog.client';
import { HttpCatalogClient } from '../shared/clients/http-catalog.client';
import { HttpReplicaClient } from '../shared/clients/http-replica.client';
import { ReplicaClient } from '../shared/clients/replica.client';
import { SqliteModule } from '../shared/database/sqlite.module';
import { HealthController } from '../shared/health/health.controller';
import { Readiness } from '../shared/health/readiness';
import { sharedImports, sharedProviders } from '../shared/shared-providers';
import { Order } from './log/order.entity';
import { OrderLogRepository } from './log/order-log.repository';
import { ReplicaStateRow } from './log/replica-state.entity';
import { OrderSchema1764150000001 } from './migrations/1764150000001-order-schema';
import { ReplicaMetrics } from './metrics/replica.metrics';
import { OrderReadiness } from './order-readiness';
import { FaultInjector } from './orders/fault-injector';
import { OrderController } from './orders/order.controller';
import { OrderSequencer } from './orders/order-sequencer';
import { OrderService } from './orders/order.service';
import { LogSync } from './replication/log-sync.service';
import { ReplicaState } from './replication/replica-state';
import { ReplicaController } from './replication/replica.controller';
import { ReplicaService } from './replication/replica.service';
import { ReplicationHeartbeatJob } from './replication/replication-heartbeat.job';
import { ReplicationService } from './replication/replication.service';
import { RollForwardJob } from './replication/roll-forward.job';
import { RollForwardService } from './replication/roll-forward.service';

@Module({
  imports: [
    ...sharedImports(),
    SqliteModule.forRoot({
      fileName: (config) => `order-${config.replicaId}.sqlite`,
      entities: [Order, ReplicaStateRow],
      migrations: [OrderSchema1764150000001],
    }),
  ],
  // Express tries a request against each route in this order: the leader's orders, then appends.
  controllers: [OrderController, ReplicaController, HealthController],
  providers: [
    ...sharedProviders,
    OrderLogRepository,
    ReplicaState,
    OrderService,
    OrderSequencer,
    FaultInjector,
    LogSync,
    ReplicationService,
    ReplicationHeartbeatJob,
    ReplicaService,
    RollForwardService,
    RollForwardJob,
    ReplicaMetrics,
    { provide: CatalogClient, useClass: HttpCatalogClient },
    { provide: ReplicaClient, useClass: HttpReplicaClient },
    { provide: Readiness, useClass: OrderReadiness },
  ],
})
export class OrderModule {}
