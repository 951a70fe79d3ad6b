import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '../../config/app-config';

/** Builds the Nest application on the adapter the configuration names (express by default). */
export async function createHttpApp(
  rootModule: Type<unknown>,
  config: AppConfig,
  bodyLimitBytes: number,
): Promise<INestApplication> {
  switch (config.httpAdapter) {
    case 'express': {
      const app = await NestFactory.create<NestExpressApplication>(rootModule, new ExpressAdapter(), {
        bodyParser: false,
      });
      app.useBodyParser('json', { limit: bodyLimitBytes });
      app.disable('x-powered-by');
      return app;
    }
    case 'fastify':
      return NestFactory.create<NestFastifyApplication>(
        rootModule,
        new FastifyAdapter({ bodyLimit: bodyLimitBytes }),
      );
  }
}
