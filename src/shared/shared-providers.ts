import { APP_FILTER } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AppConfigModule } from '../config/app-config.module';
import { InternalTokenGuard } from './auth/internal-token.guard';
import { ErrorEnvelopeFilter } from './http/error-envelope.filter';
import { InternalHttpModule } from './http/internal-http.module';
import { MetricsModule } from './metrics/metrics.module';
import { Clock, SystemClock } from './time/clock';

/** What every role's root module imports: validated config, scheduling, the internal HTTP client, /metrics. */
export function sharedImports() {
  return [AppConfigModule.forRoot(), ScheduleModule.forRoot(), InternalHttpModule, MetricsModule];
}

/**
 * What every role's root module provides: the error envelope, the internal-route guard, time. Only
 * the frontend has DTO classes and so a global validation pipe: the catalog's and the order
 * replicas' routes each validate with a SchemaPipe, and their processes never load class-validator.
 */
export const sharedProviders = [
  { provide: APP_FILTER, useClass: ErrorEnvelopeFilter },
  { provide: Clock, useClass: SystemClock },
  InternalTokenGuard,
];
