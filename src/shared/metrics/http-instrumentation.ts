import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { performance } from 'node:perf_hooks';
import { HttpMetrics } from './http-metrics';

interface ExpressRequest {
  method: string;
  originalUrl: string;
  baseUrl?: string;
  route?: { path?: unknown };
}

interface ExpressResponse {
  statusCode: number;
  once(event: 'finish', listener: () => void): unknown;
}

/**
 * Times every request on express, answered by a route or not (guards' 401s, unknown paths and
 * body-parser refusals included). The route template is known once express has routed it.
 */
export function instrumentExpress(app: NestExpressApplication, metrics: HttpMetrics): void {
  app.use((request: ExpressRequest, response: ExpressResponse, next: () => void) => {
    const started = performance.now();
    response.once('finish', () => {
      const path = request.route?.path;
      const route = typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` : undefined;
      const seconds = (performance.now() - started) / 1000;
      // The raw path only for requests no route handled: routed ones pay nothing for it.
      const unrouted = route === undefined ? request.originalUrl.split('?')[0] : undefined;
      metrics.observe(request.method, route, response.statusCode, seconds, unrouted);
    });
    next();
  });
}

/** The same on fastify, from its own response hook and timing. */
export function instrumentFastify(app: NestFastifyApplication, metrics: HttpMetrics): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (request, reply, done) => {
      metrics.observe(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
      done();
    });
}
