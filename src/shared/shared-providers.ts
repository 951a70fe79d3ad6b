import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AppConfigModule } from '../config/app-config.module';
import { InternalTokenGuard } from './auth/internal-token.guard';
import { ErrorEnvelopeFilter } from './http/error-envelope.filter';
import { InternalHttpModule } from './http/internal-http.module';
import { StrictValidationPipe } from './http/strict-validation.pipe';
import { MetricsModule } from './metrics/metrics.module';
import { Clock, SystemClock } from './time/clock';

/** What every role's root module imports: validated config, scheduling, the internal HTTP client, /metrics. */
export function sharedImports() {
  return [AppConfigModule.forRoot(), ScheduleModule.forRoot(), InternalHttpModule, MetricsModule];
}

/** What every role's root module provides: the error envelope, validation, the internal-route guard, time. */
export const sharedProviders = [
  { provide: APP_FILTER, useClass: ErrorEnvelopeFilter },
  { provide: APP_PIPE, useClass: StrictValidationPipe },
  { provide: Clock, useClass: SystemClock },
  InternalTokenGuard,
];
