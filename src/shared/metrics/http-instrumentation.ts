import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { HttpMetrics } from './http-metrics';

const STARTED = Symbol('request started');
const REQUEST_START = 'http.server.request.start';
const RESPONSE_FINISH = 'http.server.response.finish';

interface ExpressRequest {
  method: string;
  originalUrl?: string;
  url: string;
  baseUrl?: string;
  route?: { path?: unknown };
  [STARTED]?: number;
}

interface ServerMessage {
  request: ExpressRequest;
  response: { statusCode: number };
  server: unknown;
}

/**
 * Times every request on express, answered by a route or not (guards' 401s, unknown paths and
 * body-parser refusals included), from Node's own `http.server` diagnostics channels rather than a
 * middleware with a `finish` listener per response: two subscribers for the whole server, no
 * closure, listener or router layer per request. The route template is known once express has
 * routed the request. The channels are process-wide; a subscriber counts only its own server's
 * requests and leaves when that server closes.
 */
export function instrumentExpress(app: NestExpressApplication, metrics: HttpMetrics): void {
  const server: Server = app.getHttpServer();
  const onStart = (message: unknown) => {
    const { request, server: from } = message as ServerMessage;
    if (from === server) request[STARTED] = performance.now();
  };
  const onFinish = (message: unknown) => {
    const { request, response, server: from } = message as ServerMessage;
    const since = request[STARTED];
    if (from !== server || since === undefined) return;
    const seconds = (performance.now() - since) / 1000;
    const path = request.route?.path;
    const route = typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` : undefined;
    // The raw path only for requests no route handled: routed ones pay nothing for it.
    const unrouted = route === undefined ? (request.originalUrl ?? request.url).split('?')[0] : undefined;
    metrics.observe(request.method, route, response.statusCode, seconds, unrouted);
  };
  subscribe(REQUEST_START, onStart);
  subscribe(RESPONSE_FINISH, onFinish);
  server.once('close', () => {
    unsubscribe(REQUEST_START, onStart);
    unsubscribe(RESPONSE_FINISH, onFinish);
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
