import axios, { AxiosError } from 'axios';
import { createServer, Server } from 'node:http';
import { Agent } from 'node:http';
import { AddressInfo } from 'node:net';
import { nodeHttpAdapter } from './node-http.adapter';

/** A loopback server for the adapter: echoes bodies, or misbehaves as told. */
class TestServer {
  readonly server: Server;
  requests = 0;
  /** Close every connection right after answering, as a server whose keep-alive timer fired. */
  closeAfterAnswer = false;
  /** Never answer. */
  hang = false;

  constructor() {
    this.server = createServer((req, res) => {
      this.requests += 1;
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (this.hang) return;
        if (this.closeAfterAnswer) res.on('finish', () => req.socket.destroy());
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ method: req.method, body, length: req.headers['content-length'] ?? null }));
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('nodeHttpAdapter', () => {
  let server: TestServer;
  let url: string;
  let agent: Agent;
  const client = () =>
    axios.create({ adapter: nodeHttpAdapter, httpAgent: agent, validateStatus: () => true, timeout: 1000 });

  beforeEach(async () => {
    server = new TestServer();
    url = await server.listen();
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
  });

  afterEach(async () => {
    agent.destroy();
    await server.close();
  });

  it('sends the JSON body with its length and answers status and text', async () => {
    const response = await client().post(url, { a: 1 });
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ method: 'POST', body: '{"a":1}', length: '7' });
  });

  it('fails with ETIMEDOUT when the server does not answer in time', async () => {
    server.hang = true;
    const error = (await client()
      .get(url, { timeout: 50 })
      .catch((e: unknown) => e)) as AxiosError;
    expect(error.code).toBe('ETIMEDOUT');
  });

  it('gives up with ERR_CANCELED when the signal aborts', async () => {
    server.hang = true;
    const aborter = new AbortController();
    const call = client()
      .get(url, { signal: aborter.signal })
      .catch((e: unknown) => e);
    setTimeout(() => aborter.abort(), 20);
    expect(((await call) as AxiosError).code).toBe('ERR_CANCELED');
  });

  it('sends a request again on a fresh socket when the reused one was closed under it', async () => {
    server.closeAfterAnswer = true;
    const http = client();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) statuses.push((await http.get(url)).status);
    expect(statuses).toEqual(Array(20).fill(200));
  });
});
