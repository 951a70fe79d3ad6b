import { Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { CatalogClient } from '../shared/clients/catalog.client';
import { HttpCatalogClient } from '../shared/clients/http-catalog.client';
import { HttpReplicaClient } from '../shared/clients/http-replica.client';
import { ReplicaClient } from '../shared/clients/replica.client';
import { HealthController } from '../shared/health/health.controller';
import { Readiness } from '../shared/health/readiness';
import { StrictValidationPipe } from '../shared/http/strict-validation.pipe';
import { sharedImports, sharedProviders } from '../shared/shared-providers';
import { StockCacheModule } from './cache/stock-cache.module';
import { LeaderElection } from './election/leader-election.service';
import { LeaderHeartbeatJob } from './election/leader-heartbeat.job';
import { FrontendReadiness } from './frontend-readiness';
import { FrontendMetrics } from './metrics/frontend.metrics';
import { HttpOrderClient } from './orders/http-order.client';
import { OrderForwarder } from './orders/order-forwarder';
import { OrderClient } from './orders/order.client';
import { OrdersController } from './orders/orders.controller';
import { OrdersService } from './orders/orders.service';
import { StocksController } from './stocks/stocks.controller';
import { StocksService } from './stocks/stocks.service';
import { ClusterStatusService } from './status/cluster-status.service';
import { StatusController } from './status/status.controller';
import { SwaggerMount } from './swagger';

@Module({
  imports: [...sharedImports(), StockCacheModule],
  // Express tries a request against each route in this order: lookups and trades first.
  controllers: [StocksController, OrdersController, HealthController, StatusController],
  providers: [
    ...sharedProviders,
    { provide: APP_PIPE, useClass: StrictValidationPipe },
    StocksService,
    OrdersService,
    OrderForwarder,
    LeaderElection,
    LeaderHeartbeatJob,
    FrontendMetrics,
    ClusterStatusService,
    SwaggerMount,
    { provide: CatalogClient, useClass: HttpCatalogClient },
    { provide: OrderClient, useClass: HttpOrderClient },
    { provide: ReplicaClient, useClass: HttpReplicaClient },
    { provide: Readiness, useClass: FrontendReadiness },
  ],
})
export class FrontendModule {}
