import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { join, resolve } from 'node:path';
import { Page } from 'playwright-core';
import { http, leaderId, startCluster, TestCluster, tradeContinuously, waitFor } from './support';
import { Browser, launchBrowser } from './support/browser';

/**
 * GET /status in headless Chromium while clients trade: five processes, the leader, the cache;
 * then SIGKILL of the leader, and the page names the new one. STATUS_SCREENSHOT=docs/status.png
 * keeps the screenshot there (the README's picture); otherwise it goes to the temp folder.
 */

const SCREENSHOT = resolve(process.env.STATUS_SCREENSHOT ?? join(tmpdir(), 'stock-bazaar-status.png'));
const LOOKED_UP = ['BardTunes', 'PotionCo', 'DruidInc'];
const WAIT = { timeout: 30_000 };

interface Row {
  process: string;
  health: string;
  role: string;
}

const refreshes = (page: Page): Promise<number> => page.evaluate(() => Number(document.body.dataset.refreshes ?? 0));
const shownLeader = (page: Page): Promise<string | null> =>
  page.evaluate(() => document.getElementById('leader')?.dataset.leaderId ?? null);
const rows = (page: Page): Promise<Row[]> =>
  page.$$eval('#processes tr', (trs) =>
    trs.map((tr) => ({
      process: (tr as HTMLElement).dataset.process ?? '',
      health: (tr as HTMLElement).dataset.health ?? '',
      role: tr.children[1]?.textContent ?? '',
    })),
  );

/** One client looking up `names` in a loop until stopped: cache hits, and lookup latency to chart. */
function lookUpContinuously(frontend: string, names: readonly string[]): { stop: () => Promise<void> } {
  let running = true;
  const loop = (async () => {
    for (let i = 0; running; i += 1) {
      await http('GET', `${frontend}/stocks/${names[i % names.length]}`);
      await sleep(5); // a person's pace, not a benchmark's
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

async function untilRefreshes(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => Number(document.body.dataset.refreshes ?? 0) >= n, count, WAIT);
}

describe('the status page in a real browser', () => {
  let cluster: TestCluster;
  let browser: Browser;

  beforeAll(async () => {
    cluster = await startCluster();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await cluster?.stopAll();
  });

  it('shows the cluster, then the failover after SIGKILL of the leader, while clients trade', async () => {
    for (const name of LOOKED_UP)
      expect((await http('GET', `${cluster.urls.frontend}/stocks/${name}`)).status).toBe(200);
    const traders = tradeContinuously(cluster.urls.frontend, 2, ['GameStart', 'FishCo', 'BoarCo']);
    let lookups: { stop: () => Promise<void> } | undefined;
    try {
      const page = await browser.context.newPage();
      await page.goto(`${cluster.urls.frontend}/status`);
      const leader = await leaderId(cluster);
      await page.waitForFunction(
        (id) => document.getElementById('leader')?.dataset.leaderId === id,
        String(leader),
        WAIT,
      );
      expect(await page.textContent('#leader')).toMatch(new RegExp(`^leader: replica ${leader} · epoch \\d+$`));
      const everyProcessUp = [
        { process: 'frontend', health: 'up', role: 'frontend' },
        { process: 'catalog', health: 'up', role: 'catalog' },
        ...[1, 2, 3].map((id) => ({
          process: `order-${id}`,
          health: 'up',
          role: id === leader ? 'leader' : 'follower',
        })),
      ];
      // A health probe has 300 ms: on a busy CI core one may time out, and the next refresh shows it up.
      await waitFor(
        async () => (JSON.stringify(await rows(page)) === JSON.stringify(everyProcessUp) ? true : undefined),
        { timeoutMs: 30_000, intervalMs: 100, description: 'every process shown up' },
      );
      expect(await rows(page)).toEqual(everyProcessUp);
      // Most recently used first; the traded stocks were never looked up, so never cached.
      const cached = await page.$$eval('#cache-entries li[data-stock]', (items) =>
        items.map((item) => (item as HTMLElement).dataset.stock),
      );
      expect(cached).toEqual([...LOOKED_UP].reverse());
      expect(await page.textContent('#hit-ratio')).toBe('0 %');
      lookups = lookUpContinuously(cluster.urls.frontend, LOOKED_UP);
      await page.waitForFunction(() => document.getElementById('hit-ratio')?.textContent !== '0 %', undefined, WAIT);
      await untilRefreshes(page, (await refreshes(page)) + 8);

      await cluster.process(`order-${leader}`).kill('SIGKILL');
      const next = Math.max(...[1, 2, 3].filter((id) => id !== leader));
      // The moment the frontend itself names the new leader, the page may be at most two refreshes behind.
      const known = await waitFor(
        async () => {
          const res = await http('GET', `${cluster.urls.frontend}/status/cluster`);
          return res.body?.data?.leader?.id === next ? refreshes(page) : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 20, description: `the frontend to elect replica ${next}` },
      );
      await page.waitForFunction(
        (id) => document.getElementById('leader')?.dataset.leaderId === id,
        String(next),
        WAIT,
      );
      expect((await refreshes(page)) - known).toBeLessThanOrEqual(2);
      expect(await shownLeader(page)).toBe(String(next));

      await page.waitForFunction(
        (name) =>
          document.querySelector(`#processes tr[data-process="${name}"]`)?.getAttribute('data-health') === 'down',
        `order-${leader}`,
        WAIT,
      );
      const events = await page.$$eval('#events li', (items) => items.map((item) => item.textContent ?? ''));
      expect(events.some((text) => text.includes(`replica ${next} leads at epoch`))).toBe(true);
      expect(events.some((text) => text.includes(`order-${leader} down`))).toBe(true);
      await untilRefreshes(page, (await refreshes(page)) + 5);
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      console.log(`status page screenshot: ${SCREENSHOT}`);
    } finally {
      await Promise.all([traders.stop(), lookups?.stop()]);
    }
    // No client saw the failover.
    expect(traders.outcomes.filter((outcome) => outcome.status !== 200)).toEqual([]);
  });
});
