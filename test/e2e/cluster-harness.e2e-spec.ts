import { existsSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { http, startCluster, TestCluster } from './support';

describe('e2e harness', () => {
  describe('http', () => {
    let server: Server;
    let url: string;

    beforeAll(async () => {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          res.setHeader('content-type', req.url === '/text' ? 'text/plain' : 'application/json');
          res.end(
            req.url === '/text' ? 'plain words' : JSON.stringify({ length: body.length, body: body.slice(0, 20) }),
          );
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('sends a malformed raw body unchanged', async () => {
      const res = await http('POST', `${url}/echo`, { rawBody: '{"name": ' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ length: 9, body: '{"name": ' });
    });

    it('sends a 2 MB body', async () => {
      const res = await http('POST', `${url}/echo`, { body: { blob: 'x'.repeat(2 * 1024 * 1024) } });
      expect(res.body.length).toBe(2 * 1024 * 1024 + '{"blob":""}'.length);
    });

    it('returns text that is not JSON as is', async () => {
      const res = await http('GET', `${url}/text`);
      expect(res.body).toBe('plain words');
    });
  });

  describe('startCluster', () => {
    let cluster: TestCluster;

    beforeAll(async () => {
      cluster = await startCluster();
    });

    afterAll(async () => {
      await cluster?.stopAll();
    });

    it('starts every process healthy on its own port', async () => {
      const urls = [cluster.urls.frontend, cluster.urls.catalog, ...Object.values(cluster.urls.replicas)];
      expect(new Set(urls).size).toBe(5);
      for (const url of urls) expect((await http('GET', `${url}/health`)).status).toBe(200);
      const stocks = await http('GET', `${cluster.urls.frontend}/stocks`);
      expect(stocks.status).toBe(200);
      expect(Array.isArray(stocks.body.data)).toBe(true);
    });

    it('kills a replica and brings it back with the same data dir', async () => {
      const replica = cluster.process('order-3');
      const status = await replica.kill();
      expect(status?.signal).toBe('SIGKILL');
      expect(replica.running).toBe(false);
      await replica.start();
      expect(replica.running).toBe(true);
      expect((await http('GET', `${replica.url}/health`)).status).toBe(200);
      expect(existsSync(replica.dataDir)).toBe(true);
    });

    it('pauses a process so it stops answering, and resumes it', async () => {
      const catalog = cluster.process('catalog');
      catalog.pause();
      await expect(http('GET', `${catalog.url}/health`, { timeoutMs: 300 })).rejects.toThrow(/timed out/);
      catalog.resume();
      expect((await http('GET', `${catalog.url}/health`)).status).toBe(200);
    });

    it('removes the temporary data dir when stopped', async () => {
      const other = await startCluster({ start: ['catalog'] });
      expect(other.process('frontend').running).toBe(false);
      await other.stopAll();
      expect(other.process('catalog').running).toBe(false);
      expect(existsSync(other.dataDir)).toBe(false);
    });
  });
});
