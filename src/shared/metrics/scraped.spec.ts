import { Registry } from 'prom-client';
import { one, scrapedCounter, scrapedGauge } from './scraped';

describe('scraped metrics', () => {
  it('read their values when Prometheus scrapes, and drop series no longer listed', async () => {
    const registry = new Registry();
    let followers: [number, number][] = [
      [1, 4],
      [2, 7],
    ];
    scrapedGauge({
      registry,
      name: 'test_match_number',
      help: 'per follower',
      labelNames: ['follower'],
      read: () => followers.map(([follower, match]) => [{ follower }, match] as const),
    });
    expect(await registry.metrics()).toContain('test_match_number{follower="1"} 4\ntest_match_number{follower="2"} 7');
    followers = [[2, 9]];
    const text = await registry.metrics();
    expect(text).toContain('test_match_number{follower="2"} 9');
    expect(text).not.toContain('follower="1"');
  });

  it('expose a count kept elsewhere as a counter, read asynchronously if need be', async () => {
    const registry = new Registry();
    let hits = 3;
    scrapedCounter({ registry, name: 'test_hits_total', help: 'hits', read: async () => one(hits) });
    expect(await registry.metrics()).toContain('# TYPE test_hits_total counter\ntest_hits_total 3');
    hits = 5;
    expect(await registry.metrics()).toContain('test_hits_total 5');
  });
});
