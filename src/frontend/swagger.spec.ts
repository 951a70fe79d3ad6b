import { Controller, Get, INestApplication, Module, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { LeanExpressAdapter } from '../shared/http/lean-express.adapter';
import { setUpSwagger, SwaggerMount } from './swagger';

@Controller('stocks')
class QuoteController {
  @Get(':name')
  quote(@Param('name') name: string): { name: string } {
    return { name };
  }
}

@Module({ controllers: [QuoteController], providers: [SwaggerMount] })
class DocumentedModule {}

interface RouteLayer {
  route?: { path: string };
}

describe(setUpSwagger.name, () => {
  let app: INestApplication;

  afterEach(() => app.close());

  it("puts Swagger's routes after the API's on express, so that no API request is matched against them", async () => {
    app = await NestFactory.create<NestExpressApplication>(DocumentedModule, new LeanExpressAdapter(), {
      logger: false,
    });
    setUpSwagger(app);
    await app.init();
    const express = app.getHttpAdapter().getInstance() as { router: { stack: RouteLayer[] } };
    const paths = express.router.stack.flatMap((layer) => (layer.route ? [layer.route.path] : []));
    expect(paths[0]).toBe('/stocks/:name');
    expect(paths.slice(1)).toEqual(expect.arrayContaining(['/docs', '/docs-json']));
  });
});
