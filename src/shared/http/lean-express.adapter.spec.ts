import { Body, Controller, Get, INestApplication, Module, Param, Post, Req, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import axios from 'axios';
import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { LeanExpressAdapter } from './lean-express.adapter';

@Controller()
class EchoController {
  @Get('stocks/:name')
  quote(@Param('name') name: string, @Req() request: { ip?: string }): object {
    return { name, ipKnown: typeof request.ip === 'string' };
  }

  @Post('echo')
  echo(@Body() body: unknown): object {
    return { body };
  }

  @Get('redirect')
  redirect(@Res() response: { redirect(status: number, url: string): void }): void {
    response.redirect(307, '/stocks/GameStart');
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

interface ExpressPrototypes {
  readonly request: object;
  readonly response: object;
}

describe('LeanExpressAdapter', () => {
  let app: INestApplication;
  let url: string;
  /** The prototypes of each request and response as node:http hands them over, before express runs. */
  const arrived: { request: object | null; response: object | null }[] = [];

  beforeAll(async () => {
    app = await NestFactory.create(EchoModule, new LeanExpressAdapter(), { logger: false });
    const server = app.getHttpServer() as Server;
    server.prependListener('request', (request: IncomingMessage, response: ServerResponse) =>
      arrived.push({ request: Object.getPrototypeOf(request), response: Object.getPrototypeOf(response) }),
    );
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => app.close());

  beforeEach(() => (arrived.length = 0));

  it("creates requests and responses with express's prototypes already in place", async () => {
    await axios.get(`${url}/stocks/GameStart`);
    const express = app.getHttpAdapter().getInstance() as ExpressPrototypes;
    expect(arrived).toEqual([{ request: express.request, response: express.response }]);
    expect(express.request).toBeInstanceOf(IncomingMessage);
    expect(express.response).toBeInstanceOf(ServerResponse);
  });

  it('answers as express does: parameters, request properties, bodies, redirects', async () => {
    const quote = await axios.get(`${url}/stocks/GameStart`);
    expect([quote.status, quote.data]).toEqual([200, { name: 'GameStart', ipKnown: true }]);
    const echo = await axios.post(`${url}/echo`, { a: [1, 2] });
    expect([echo.status, echo.data]).toEqual([201, { body: { a: [1, 2] } }]);
    const redirect = await axios.get(`${url}/redirect`, { maxRedirects: 0, validateStatus: () => true });
    expect([redirect.status, redirect.headers.location]).toEqual([307, '/stocks/GameStart']);
  });

  it("leaves a server that must track its connections to Nest's own set-up", async () => {
    const tracking = await NestFactory.create(EchoModule, new LeanExpressAdapter(), {
      logger: false,
      forceCloseConnections: true,
    });
    try {
      const server = tracking.getHttpServer() as Server;
      let prototype: object | null = null;
      server.prependListener('request', (request: IncomingMessage) => (prototype = Object.getPrototypeOf(request)));
      await tracking.listen(0, '127.0.0.1');
      const answer = await axios.get(`http://127.0.0.1:${(server.address() as AddressInfo).port}/stocks/FishCo`);
      expect([answer.status, prototype]).toEqual([200, IncomingMessage.prototype]);
    } finally {
      await tracking.close();
    }
  });
});
