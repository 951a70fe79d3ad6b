import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { loadConfig } from '../../config/app-config';
import { INTERNAL_TOKEN_HEADER } from '../auth/internal-token.guard';
import { InternalHttp, pruneDefaults } from './internal-http';
import { internalAxiosConfig } from './internal-http.module';

const config = loadConfig({ ROLE: 'frontend', INTERNAL_TOKEN: 'secret-token', DOWNSTREAM_TIMEOUT_MS: '1500' });

interface Received {
  method?: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe(pruneDefaults.name, () => {
  it("keeps only what our calls use: our adapter, agents, timeout, transforms and the token, no axios's header buckets", () => {
    const sut = axios.create(internalAxiosConfig(config)).defaults;
    const { adapter, httpAgent } = sut;
    pruneDefaults(sut);
    expect(Object.keys(sut).sort()).toEqual(Object.keys(internalAxiosConfig(config)).sort());
    expect({ ...sut.headers }).toEqual({ [INTERNAL_TOKEN_HEADER]: 'secret-token' });
    expect([sut.adapter, sut.timeout, sut.httpAgent]).toEqual([adapter, 1500, httpAgent]);
  });
});

describe(InternalHttp.name, () => {
  let server: Server;
  let url: string;
  let received: Received[];
  let sut: InternalHttp;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ method: req.method, headers: req.headers, body });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: { echoed: body === '' ? null : JSON.parse(body) } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    sut = new InternalHttp(new HttpService(axios.create(internalAxiosConfig(config))));
  });

  beforeEach(() => (received = []));

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends the token and a JSON body with the pruned defaults, and reads the JSON answer', async () => {
    expect(await sut.call('echo', 'POST', `${url}/x`, { quantity: 2 })).toEqual({ echoed: { quantity: 2 } });
    expect(await sut.call('echo', 'GET', `${url}/y`)).toEqual({ echoed: null });
    expect(received.map(({ method, body }) => [method, body])).toEqual([
      ['POST', '{"quantity":2}'],
      ['GET', ''],
    ]);
    const [post, get] = received.map(({ headers }) => headers);
    expect([post[INTERNAL_TOKEN_HEADER], get[INTERNAL_TOKEN_HEADER]]).toEqual(['secret-token', 'secret-token']);
    expect([post['content-type'], post['content-length']]).toEqual(['application/json', '14']);
    expect(get['content-type']).toBeUndefined();
    // axios's default Accept header lived in the pruned buckets: its absence shows calls use them.
    expect([post.accept, get.accept]).toEqual([undefined, undefined]);
  });
});
