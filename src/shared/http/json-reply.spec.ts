import { Controller, Get, Header, HttpCode, INestApplication, Module, NotFoundException, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import { request as httpRequest, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { LeanExpressAdapter } from './lean-express.adapter';

class Quote {
  constructor(readonly name: string) {}
}

@Controller()
class ReplyController {
  @Get('quote')
  quote(): object {
    return { data: { name: 'GameStart', price: 15.99, quantity: 100 } };
  }

  @Post('orders')
  place(): object {
    return { data: { transaction_number: 7 } };
  }

  @Get('list')
  list(): unknown[] {
    return [1, 'two', { three: 3 }, null];
  }

  @Get('unicode')
  unicode(): object {
    return { name: 'Zürich €' };
  }

  @Get('missing')
  missing(): never {
    throw new NotFoundException('stock not found');
  }

  @Get('typed')
  @Header('Content-Type', 'text/plain')
  typed(): object {
    return { shown: 'as text' };
  }

  @Get('empty')
  @HttpCode(204)
  empty(): object {
    return { dropped: true };
  }

  @Get('dated')
  @Header('Last-Modified', 'Wed, 21 Oct 2015 07:28:00 GMT')
  dated(): object {
    return { data: 'old' };
  }

  @Get('instance')
  instance(): Quote {
    return new Quote('FishCo');
  }
}

@Module({ controllers: [ReplyController] })
class ReplyModule {}

interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Status, headers (without the per-connection ones) and body bytes, exactly as sent. */
function fetchRaw(url: string, method: string, headers: Record<string, string> = {}): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...kept } = response.headers;
        resolve({
          status: response.statusCode ?? 0,
          headers: kept as Record<string, string>,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
}

/** An app as create-http-app builds it: ETags off, no x-powered-by. */
async function createApp(adapter: ExpressAdapter): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ReplyModule, adapter, { logger: false });
  app.disable('x-powered-by');
  app.set('etag', false);
  return app;
}

describe('writeJson through LeanExpressAdapter', () => {
  let lean: NestExpressApplication;
  let stock: NestExpressApplication;
  let leanUrl: string;
  let stockUrl: string;
  let jsonCalls: jest.SpyInstance;

  beforeAll(async () => {
    lean = await createApp(new LeanExpressAdapter());
    stock = await createApp(new ExpressAdapter());
    const express = lean.getHttpAdapter().getInstance() as { response: { json: () => unknown } };
    jsonCalls = jest.spyOn(express.response, 'json');
    [leanUrl, stockUrl] = await Promise.all([listen(lean), listen(stock)]);
  });

  afterAll(() => Promise.all([lean.close(), stock.close()]));

  beforeEach(() => jsonCalls.mockClear());

  const sameAsExpress = async (method: string, path: string, headers?: Record<string, string>) => {
    const [ours, theirs] = await Promise.all([
      fetchRaw(`${leanUrl}${path}`, method, headers),
      fetchRaw(`${stockUrl}${path}`, method, headers),
    ]);
    expect(ours).toEqual(theirs);
    return ours;
  };

  it.each([
    ['GET', '/quote', 200, '{"data":{"name":"GameStart","price":15.99,"quantity":100}}'],
    ['POST', '/orders', 201, '{"data":{"transaction_number":7}}'],
    ['GET', '/list', 200, '[1,"two",{"three":3},null]'],
    ['GET', '/unicode', 200, '{"name":"Zürich €"}'],
    ['GET', '/missing', 404, '{"message":"stock not found","error":"Not Found","statusCode":404}'],
  ])('writes %s %s itself, byte for byte as express would', async (method, path, status, body) => {
    const reply = await sameAsExpress(method, path);
    expect(reply).toEqual({
      status,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(body)),
      },
      body,
    });
    expect(jsonCalls).not.toHaveBeenCalled();
  });

  it('answers HEAD with the length of the body it leaves out', async () => {
    const reply = await sameAsExpress('HEAD', '/quote');
    expect(reply).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': '58' },
      body: '',
    });
    expect(jsonCalls).not.toHaveBeenCalled();
  });

  it.each([
    ['a type the handler chose', '/typed', {}, 200],
    ['a status without a body', '/empty', {}, 204],
    [
      'a validator a conditional request matches',
      '/dated',
      { 'if-modified-since': 'Thu, 22 Oct 2015 07:28:00 GMT' },
      304,
    ],
    ['a class instance', '/instance', {}, 200],
  ])('leaves %s to express', async (_case, path, headers, status) => {
    const reply = await sameAsExpress('GET', path, headers);
    expect(reply.status).toBe(status);
    expect(jsonCalls).toHaveBeenCalledTimes(1);
  });

  it('leaves every response to express in an app whose settings change res.json (ETags on)', async () => {
    const tagged = await NestFactory.create<NestExpressApplication>(ReplyModule, new LeanExpressAdapter(), {
      logger: false,
    });
    try {
      const reply = await fetchRaw(`${await listen(tagged)}/quote`, 'GET');
      expect([reply.status, reply.headers.etag]).toEqual([200, expect.stringMatching(/^W\/"/)]);
    } finally {
      await tagged.close();
    }
  });
});
