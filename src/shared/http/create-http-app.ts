import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '../../config/app-config';

/** Bodies larger than this are refused with 413 before any handler runs. */
export const BODY_LIMIT_BYTES = 16 * 1024;

/** Builds the Nest application on the adapter the configuration names (express by default). */
export async function createHttpApp(rootModule: Type<unknown>, config: AppConfig): Promise<INestApplication> {
  switch (config.httpAdapter) {
    case 'express': {
      const app = await NestFactory.create<NestExpressApplication>(rootModule, new ExpressAdapter(), {
        bodyParser: false,
      });
      app.useBodyParser('json', { limit: BODY_LIMIT_BYTES });
      app.disable('x-powered-by');
      return app;
    }
    case 'fastify':
      return NestFactory.create<NestFastifyApplication>(
        rootModule,
        new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES }),
      );
  }
}
