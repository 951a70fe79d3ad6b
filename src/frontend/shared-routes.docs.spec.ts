import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { AppConfig } from '../config/app-config';
import { HealthController } from '../shared/health/health.controller';
import { Readiness } from '../shared/health/readiness';
import { MetricsController } from '../shared/metrics/metrics.controller';
import { LeanExpressAdapter } from '../shared/http/lean-express.adapter';
import { describeSharedRoutes } from './shared-routes.docs';

@Module({
  controllers: [HealthController, MetricsController],
  providers: [
    { provide: Readiness, useValue: {} },
    { provide: AppConfig, useValue: {} },
    { provide: Registry, useValue: new Registry() },
  ],
})
class SharedRoutesModule {}

type Operation = {
  tags?: string[];
  summary?: string;
  responses: Record<string, { content?: Record<string, unknown> }>;
};

describe(describeSharedRoutes.name, () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await NestFactory.create(SharedRoutesModule, new LeanExpressAdapter(), { logger: false });
  });

  afterAll(() => app.close());

  const operations = () => {
    const { paths } = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    return { health: paths['/health'].get as Operation, metrics: paths['/metrics'].get as Operation };
  };

  it("leaves the shared controllers to Swagger's defaults until the frontend describes them", () => {
    const { health, metrics } = operations();
    expect([health.tags, health.summary, metrics.tags, metrics.summary]).toEqual([
      ['Health'],
      undefined,
      ['Metrics'],
      undefined,
    ]);
  });

  it('describes /health and /metrics, once however often it runs', () => {
    describeSharedRoutes();
    describeSharedRoutes();
    const { health, metrics } = operations();
    expect([health.tags, health.summary]).toEqual([['health'], '200 when this process can serve, 503 otherwise']);
    expect([metrics.tags, metrics.summary]).toEqual([
      ['metrics'],
      'Prometheus metrics of this process (text exposition format)',
    ]);
    expect(Object.keys(metrics.responses['200'].content ?? {})).toEqual([Registry.PROMETHEUS_CONTENT_TYPE]);
  });
});
