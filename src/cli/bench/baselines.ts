import { Controller, Get, INestApplication, Module, NotFoundException, Param } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { createServer, Server } from 'node:http';
import { AppConfig, HttpAdapterName } from '../../config/app-config';
import { createHttpApp } from '../../shared/http/create-http-app';
import { ErrorEnvelopeFilter } from '../../shared/http/error-envelope.filter';
import { StrictValidationPipe } from '../../shared/http/strict-validation.pipe';
import { BaselineKind } from './bench-results.types';
import { PlannedRequest } from './load.types';

/** What a cached lookup answers: the same body as `GET /stocks/GameStart` on a fresh frontend. */
export const BASELINE_QUOTES: ReadonlyMap<string, { name: string; price: number; quantity: number }> = new Map([
  ['GameStart', { name: 'GameStart', price: 15.99, quantity: 100 }],
]);
export const BASELINE_PATH = '/stocks/GameStart';
/** The lookup every lookup run sends, to our frontend and to the baselines alike. */
export const CACHED_LOOKUP: PlannedRequest = { method: 'GET', path: BASELINE_PATH };

const NOT_FOUND = JSON.stringify({ error: { code: 404, message: 'stock not found' } });

/** node:http alone: the ceiling any framework is measured against. */
export function createRawServer(): Server {
  return createServer((req, res) => {
    const match = req.method === 'GET' ? /^\/stocks\/([^/?]+)$/.exec(req.url ?? '') : null;
    const quote = match ? BASELINE_QUOTES.get(decodeURIComponent(match[1])) : undefined;
    const health = req.method === 'GET' && req.url === '/health';
    const status = quote || health ? 200 : 404;
    const body = health ? '{"data":{"status":"ok"}}' : quote ? JSON.stringify({ data: quote }) : NOT_FOUND;
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
}

@Controller()
class BaselineController {
  @Get('health')
  health(): { data: { status: string } } {
    return { data: { status: 'ok' } };
  }

  @Get('stocks/:name')
  quote(@Param('name') name: string): { data: { name: string; price: number; quantity: number } } {
    const quote = BASELINE_QUOTES.get(name);
    if (!quote) throw new NotFoundException('stock not found');
    return { data: quote };
  }
}

/** One controller and nothing else. */
@Module({ controllers: [BaselineController] })
class BareNestModule {}

/** The same controller behind our global validation pipe and error-envelope filter. */
@Module({
  controllers: [BaselineController],
  providers: [
    { provide: APP_FILTER, useClass: ErrorEnvelopeFilter },
    { provide: APP_PIPE, useClass: StrictValidationPipe },
  ],
})
export class PipedNestModule {}

/** A minimal Nest app built exactly as ours is (same adapter set-up, body limit of the frontend). */
export async function createNestBaseline(
  adapter: HttpAdapterName,
  kind: Exclude<BaselineKind, 'raw'>,
): Promise<INestApplication> {
  const config = { httpAdapter: adapter } as Pick<AppConfig, 'httpAdapter'> as AppConfig;
  // Loaded only for its own kind: the other baselines stay without the libraries.
  const libraries = kind === 'nest-libraries' ? await import('./library-baseline') : undefined;
  const rootModule = libraries?.LibrariesNestModule ?? (kind === 'nest-pipes' ? PipedNestModule : BareNestModule);
  const app = await createHttpApp(rootModule, config, 16 * 1024);
  app.useLogger(['error', 'warn']);
  libraries?.documentLibraries(app);
  return app;
}
