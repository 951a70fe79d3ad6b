import { BadRequestException, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '../../config/app-config';
import { createAppLogger } from '../logging/app-logger';
import { HttpMetrics } from '../metrics/http-metrics';
import { instrumentExpress, instrumentFastify } from '../metrics/http-instrumentation';
import { plainJsonBody } from './json-body';

export const MALFORMED_JSON = 'malformed JSON body';
/** Node's default limit of a request's header block, the URL included. */
const MAX_URL_BYTES = 16 * 1024;

type Next = (error?: unknown) => void;

/** Nest would pass the parser's own text on to clients; we answer with one fixed message. */
function malformedJsonToBadRequest(error: { type?: string }, _request: unknown, _response: unknown, next: Next): void {
  next(error?.type === 'entity.parse.failed' ? new BadRequestException(MALFORMED_JSON) : error);
}

function parseJson(body: string): unknown {
  try {
    return body === '' ? undefined : JSON.parse(body);
  } catch {
    throw new BadRequestException(MALFORMED_JSON);
  }
}

export interface HttpAppOptions {
  /**
   * Time every request for `/metrics` (the root module must import MetricsModule, as every role's
   * does); off for the benchmark's bare baselines.
   */
  readonly timeRequests?: boolean;
}

/**
 * Builds the Nest application on the adapter the configuration names (express by default), with
 * the configured logger and, when asked, every request timed for `/metrics`.
 */
export async function createHttpApp(
  rootModule: Type<unknown>,
  config: AppConfig,
  bodyLimitBytes: number,
  options: HttpAppOptions = {},
): Promise<INestApplication> {
  switch (config.httpAdapter) {
    case 'express': {
      // Each adapter is loaded only when chosen: the other stays out of memory.
      const { LeanExpressAdapter } = await import('./lean-express.adapter');
      const app = await NestFactory.create<NestExpressApplication>(rootModule, new LeanExpressAdapter(), {
        bodyParser: false,
        logger: createAppLogger(config),
      });
      if (options.timeRequests) instrumentExpress(app, app.get(HttpMetrics));
      // The common body first; body-parser reads every other kind, and refuses what it refuses.
      app.use(plainJsonBody(bodyLimitBytes));
      app.useBodyParser('json', { limit: bodyLimitBytes });
      app.use(malformedJsonToBadRequest);
      app.disable('x-powered-by');
      // A SHA-1 of every body for conditional GETs nobody sends: a measurable cost per response.
      app.set('etag', false);
      return app;
    }
    case 'fastify': {
      const { FastifyAdapter } = await import('@nestjs/platform-fastify');
      // A path parameter longer than fastify's default 100 characters would be a 414 there and a
      // 404 on express; Node's 16 KiB header limit bounds the URL anyway.
      const adapter = new FastifyAdapter({
        bodyLimit: bodyLimitBytes,
        routerOptions: { maxParamLength: MAX_URL_BYTES },
      });
      // Nest's own body parser is off (bodyParser: false) so this one, with our message, is used.
      adapter.getInstance().addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
        try {
          done(null, parseJson(body as string));
        } catch (error) {
          done(error as Error, undefined);
        }
      });
      const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
        bodyParser: false,
        logger: createAppLogger(config),
      });
      if (options.timeRequests) instrumentFastify(app, app.get(HttpMetrics));
      return app;
    }
  }
}
