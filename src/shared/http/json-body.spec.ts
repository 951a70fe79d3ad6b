import { createServer, IncomingMessage, request as httpRequest, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { plainJsonBody } from './json-body';

const LIMIT = 64;

/** What the middleware did with one request: read it (and what it read), refused it, or left it. */
interface Outcome {
  read: boolean;
  body: unknown;
  error: { status: number; type: string } | null;
}

interface Sent {
  body?: string | Buffer;
  headers?: Record<string, string>;
  method?: string;
  chunked?: boolean;
}

describe('plainJsonBody', () => {
  let server: Server;
  let url: string;

  /** Every outcome, as the middleware hands it on (also for requests whose client is gone). */
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    const middleware = plainJsonBody(LIMIT);
    server = createServer((request, response) =>
      middleware(request, response, (error?: unknown) => {
        const failure = error as { status: number; type: string } | undefined;
        const outcome: Outcome = {
          read: request.complete,
          body: (request as { body?: unknown }).body ?? null,
          error: failure ? { status: failure.status, type: failure.type } : null,
        };
        outcomes.push(outcome);
        response.setHeader('connection', 'close');
        response.end(JSON.stringify(outcome));
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const send = ({ body, headers = {}, method = 'POST', chunked = false }: Sent): Promise<Outcome> =>
    new Promise((resolve, reject) => {
      const length = body === undefined || chunked ? {} : { 'content-length': String(Buffer.byteLength(body)) };
      const request = httpRequest(url, { method, headers: { ...length, ...headers }, agent: false }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve(JSON.parse(text) as Outcome));
      });
      request.on('error', reject);
      // Written before the end, a body goes out chunked: node knows no length to declare.
      if (chunked) request.write(body);
      request.end(chunked ? undefined : body);
    });

  const json = { 'content-type': 'application/json' };

  it.each([
    ['an object', '{"name":"FishCo","quantity":1}', json, { name: 'FishCo', quantity: 1 }],
    ['an array after whitespace', ' \n[1,2]', json, [1, 2]],
    [
      'a UTF-8 charset, any case',
      '{"a":"Zürich"}',
      { 'content-type': 'Application/JSON; charset=UTF-8' },
      { a: 'Zürich' },
    ],
    ['a body behind a byte order mark', '\uFEFF{"a":1}', json, { a: 1 }],
  ])('reads %s into the request body', async (_case, body, headers, parsed) => {
    expect(await send({ body, headers })).toEqual({ read: true, body: parsed, error: null });
  });

  it.each([
    ['malformed JSON', '{"name": "FishCo",'],
    ['a JSON string (strict: objects and arrays only)', '"FishCo"'],
    ['whitespace only', '   '],
  ])('refuses %s as body-parser does (400, entity.parse.failed)', async (_case, body) => {
    expect(await send({ body, headers: json })).toEqual({
      read: true,
      body: null,
      error: { status: 400, type: 'entity.parse.failed' },
    });
  });

  it('hands on a request whose client left before the end of its body as aborted (400)', async () => {
    outcomes.length = 0;
    const request = httpRequest(url, { method: 'POST', headers: { ...json, 'content-length': '40' }, agent: false });
    request.on('error', () => undefined);
    request.write('{"name":');
    await new Promise((resolve) => setTimeout(resolve, 50));
    request.destroy();
    for (let waited = 0; outcomes.length === 0 && waited < 2000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(outcomes).toEqual([{ read: false, body: null, error: { status: 400, type: 'request.aborted' } }]);
  });

  it('stops listening for an abort once the body is read: the close every answered request has is none', async () => {
    const body = '{"a":1}';
    const request = Object.assign(Readable.from([Buffer.from(body)]), {
      headers: { ...json, 'content-length': String(body.length) },
    }) as unknown as IncomingMessage & { body?: unknown };
    const closeListeners = request.listenerCount('close');
    const handedOn = await new Promise((resolve) =>
      plainJsonBody(LIMIT)(request, {} as ServerResponse, (error?: unknown) => resolve(error ?? 'no error')),
    );
    expect([handedOn, request.body, request.listenerCount('close')]).toEqual(['no error', { a: 1 }, closeListeners]);
  });

  it.each<[string, Sent]>([
    ['another charset', { body: '{"a":1}', headers: { 'content-type': 'application/json; charset=latin1' } }],
    ['another type', { body: '{"a":1}', headers: { 'content-type': 'application/vnd.api+json' } }],
    ['a text body', { body: 'name=FishCo', headers: { 'content-type': 'text/plain' } }],
    ['no type', { body: '{"a":1}' }],
    ['an encoded body', { body: gzipSync('{"a":1}'), headers: { ...json, 'content-encoding': 'gzip' } }],
    ['a body without a declared length', { body: '{"a":1}', headers: json, chunked: true }],
    ['a body over the limit', { body: JSON.stringify({ a: 'x'.repeat(LIMIT) }), headers: json }],
    ['an empty body', { body: '', headers: json }],
    ['a request without a body', { method: 'GET', headers: json }],
  ])('leaves %s to body-parser, unread', async (_case, sent) => {
    expect(await send(sent)).toEqual({ read: false, body: null, error: null });
  });
});
