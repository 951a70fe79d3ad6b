import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { HealthController } from '../shared/health/health.controller';
import { MetricsController } from '../shared/metrics/metrics.controller';

function decorateMethod<T extends object>(
  type: { prototype: T },
  name: keyof T & string,
  ...decorators: MethodDecorator[]
) {
  const descriptor = Object.getOwnPropertyDescriptor(type.prototype, name);
  if (!descriptor) throw new Error(`${name} is not a method of its own`);
  for (const decorator of decorators) decorator(type.prototype, name, descriptor);
}

let described = false;

/**
 * Swagger's description of the routes every role serves. Only the frontend builds a document, so
 * the shared controllers carry no @nestjs/swagger decorators and the catalog and order processes
 * never load the package (docs/PERFORMANCE.md, fourteenth round); the frontend applies them here,
 * once per process.
 */
export function describeSharedRoutes(): void {
  if (described) return;
  described = true;
  ApiTags('health')(HealthController);
  decorateMethod(
    HealthController,
    'health',
    ApiOperation({ summary: '200 when this process can serve, 503 otherwise' }),
  );
  ApiTags('metrics')(MetricsController);
  decorateMethod(
    MetricsController,
    'metrics',
    ApiOperation({ summary: 'Prometheus metrics of this process (text exposition format)' }),
    ApiProduces(Registry.PROMETHEUS_CONTENT_TYPE),
    ApiOkResponse({ description: 'metric families, one `# HELP`/`# TYPE` header each', type: String }),
  );
}
