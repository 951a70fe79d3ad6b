import { Global, Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { HttpMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { createMetricsRegistry } from './metrics-registry';

/**
 * `/metrics`, this process's registry and the HTTP histogram; every role imports it. A role's own
 * metrics are providers in its folder that inject `Registry` and read state at scrape time.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    { provide: Registry, useFactory: createMetricsRegistry },
    { provide: HttpMetrics, inject: [Registry], useFactory: (registry: Registry) => new HttpMetrics(registry) },
  ],
  exports: [Registry, HttpMetrics],
})
export class MetricsModule {}
