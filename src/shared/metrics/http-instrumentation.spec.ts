import { Controller, Get, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { channel } from 'node:diagnostics_channel';
import { Registry } from 'prom-client';
import { LeanExpressAdapter } from '../http/lean-express.adapter';
import { instrumentExpress } from './http-instrumentation';
import { HttpMetrics } from './http-metrics';

@Controller('stocks')
class QuoteController {
  @Get(':name')
  quote(@Param('name') name: string): { name: string } {
    return { name };
  }

  @Post(':name')
  update(@Param('name') name: string): { name: string } {
    return { name };
  }
}

@Module({ controllers: [QuoteController] })
class QuoteModule {}

/** One express app on a free port, timed into its own registry. */
async function timedApp(): Promise<{ app: NestExpressApplication; registry: Registry; url: string }> {
  const app = await NestFactory.create<NestExpressApplication>(QuoteModule, new LeanExpressAdapter(), {
    logger: false,
  });
  const registry = new Registry();
  instrumentExpress(app, new HttpMetrics(registry));
  await app.listen(0, '127.0.0.1');
  return { app, registry, url: await app.getUrl() };
}

/** Every request count of a registry, as `method route status count` lines. */
async function counts(registry: Registry): Promise<string[]> {
  const { values } = (await registry.getSingleMetric('bazaar_http_request_duration_seconds')!.get()) as {
    values: { metricName?: string; labels: Record<string, string | number>; value: number }[];
  };
  return values
    .filter((v) => v.metricName === 'bazaar_http_request_duration_seconds_count')
    .map(({ labels, value }) => `${labels.method} ${labels.route} ${labels.status} ${value}`)
    .sort();
}

describe(instrumentExpress.name, () => {
  const apps: NestExpressApplication[] = [];

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  it('times each request of its own server once, by route template, routed or not', async () => {
    const [one, two] = [await timedApp(), await timedApp()];
    apps.push(one.app, two.app);
    expect((await fetch(`${one.url}/stocks/GameStart`)).status).toBe(200);
    expect((await fetch(`${one.url}/stocks/FishCo`)).status).toBe(200);
    expect((await fetch(`${one.url}/nowhere`)).status).toBe(404);
    const malformed = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":' };
    expect((await fetch(`${one.url}/stocks/GameStart`, malformed)).status).toBe(400);
    expect((await fetch(`${two.url}/stocks/GameStart`)).status).toBe(200);
    // The POST's body is refused before express routes it.
    expect(await counts(one.registry)).toEqual([
      'GET /stocks/:name 200 2',
      'GET unmatched 404 1',
      'POST unmatched 400 1',
    ]);
    expect(await counts(two.registry)).toEqual(['GET /stocks/:name 200 1']);
  });

  it('leaves Node’s channels when its server closes', async () => {
    const { app } = await timedApp();
    const subscribed = () =>
      ['http.server.request.start', 'http.server.response.finish'].map((name) => channel(name).hasSubscribers);
    expect(subscribed()).toEqual([true, true]);
    await app.close();
    expect(subscribed()).toEqual([false, false]);
  });
});
