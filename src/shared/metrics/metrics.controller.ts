import { Controller, Get, Header } from '@nestjs/common';
import { Registry } from 'prom-client';

/**
 * `GET /metrics` in the Prometheus text format, open like `/health` on every role: it carries
 * counts, states and timings, never a token or an order's contents.
 */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
