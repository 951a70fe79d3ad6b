import { resolve } from 'node:path';
import { startCluster, TestCluster } from './support';
import { FakeFrontend, startFakeFrontend } from './support/fake-frontend';
import { runNodeScript } from './support/node-script';

const LOAD_CLIENT = resolve(__dirname, '..', '..', 'dist', 'cli', 'load-client.js');
const TABLE_HEADER = /^request\s+count\s+errors\s+retries\s+mean\s+p50\s+p95\s+p99\s+max$/m;

describe('load client', () => {
  describe('against a real cluster', () => {
    let cluster: TestCluster;

    beforeAll(async () => {
      cluster = await startCluster();
    });

    afterAll(async () => {
      await cluster?.stopAll();
    });

    it('prints the latency table per request type and a passing verification', async () => {
      const args = [
        '--url',
        cluster.urls.frontend,
        '--clients',
        '5',
        '--iterations',
        '30',
        '--p',
        '0.5',
        '--seed',
        '7',
      ];
      const sut = await runNodeScript(LOAD_CLIENT, args);
      expect(sut.stderr).not.toMatch(/failed/);
      expect(sut.code).toBe(0);
      expect(sut.stdout).toMatch(TABLE_HEADER);
      expect(sut.stdout).toMatch(/^lookup\s+150\s+0\s/m);
      expect(sut.stdout).toMatch(/^trade\s+\d+\s+0\s/m);
      expect(sut.stdout).toMatch(/^order query\s+\d+\s+0\s/m);
      expect(sut.stdout).toMatch(/verification: PASS — (\d+) of \1 acknowledged orders match/);
    }, 120_000);

    it('prints the same results as JSON with --json', async () => {
      const args = ['--url', cluster.urls.frontend, '--clients', '2', '--iterations', '10', '--p', '1', '--json'];
      const sut = await runNodeScript(LOAD_CLIENT, args);
      expect(sut.code).toBe(0);
      const report = JSON.parse(sut.stdout);
      expect(report.verification.passed).toBe(true);
      expect(report.latency.map((row: { kind: string }) => row.kind)).toEqual(['lookup', 'trade', 'orderQuery']);
      expect(report.trades.placed).toBe(report.verification.checked);
    }, 60_000);
  });

  describe('against a fake frontend', () => {
    let fake: FakeFrontend | undefined;

    afterEach(async () => {
      await fake?.close();
      fake = undefined;
    });

    it('exits 1 and names the order when the server answers an order with another stock', async () => {
      fake = await startFakeFrontend({ lie: true });
      const sut = await runNodeScript(LOAD_CLIENT, [
        '--url',
        fake.url,
        '--iterations',
        '10',
        '--p',
        '1',
        '--seed',
        '1',
      ]);
      expect(sut.code).toBe(1);
      expect(sut.stdout).toContain('verification: FAIL — 0 of');
      expect(sut.stdout).toMatch(/expected #(\d+) (buy|sell) \d+ \w+, server says #\1 (buy|sell) \d+ LiarCo/);
    }, 30_000);

    it('keeps one connection per client and retries a 503 with the same Idempotency-Key', async () => {
      fake = await startFakeFrontend({ failFirstAttempt: true });
      const sut = await runNodeScript(LOAD_CLIENT, [
        '--url',
        fake.url,
        '--clients',
        '3',
        '--iterations',
        '5',
        '--p',
        '1',
      ]);
      expect(sut.code).toBe(0);
      // One connection per client, plus the one that lists the stocks at the start.
      expect(fake.connections()).toBe(3 + 1);
      expect([...fake.keyAttempts().values()]).toEqual(Array.from({ length: 15 }, () => 2));
      expect(sut.stdout).toMatch(/^trade\s+15\s+0\s+15\s/m);
    }, 30_000);

    it('refuses a bad command line with exit code 2', async () => {
      const sut = await runNodeScript(LOAD_CLIENT, ['--p', '2']);
      expect(sut.code).toBe(2);
      expect(sut.stderr).toContain('--p must be a number from 0 to 1');
    });
  });
});
