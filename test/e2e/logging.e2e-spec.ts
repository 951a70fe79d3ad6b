import { startCluster, TestCluster } from './support';

/** LOG_LEVEL and LOG_FORMAT on a real process: a quiet start by default, Nest's chatter at debug. */

describe('process logs', () => {
  let cluster: TestCluster | undefined;

  afterEach(async () => {
    await cluster?.stopAll();
    cluster = undefined;
  });

  /** A lone catalog with `env`, started and healthy; its output so far. */
  async function catalogOutput(env: Record<string, string>): Promise<readonly string[]> {
    cluster = await startCluster({ start: ['catalog'], env: { catalog: env } });
    return cluster.process('catalog').output();
  }

  it('starts with its own lines only at the default level', async () => {
    const lines = await catalogOutput({});
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/LOG \[StockSeeder\] seeded 12 stocks from /);
    expect(lines[1]).toMatch(/LOG \[Bootstrap\] catalog listening on http:\/\/127\.0\.0\.1:\d+ \((express|fastify)\)$/);
  });

  it('shows Nest’s module and route mapping at LOG_LEVEL=debug', async () => {
    const lines = await catalogOutput({ LOG_LEVEL: 'debug' });
    expect(lines.some((line) => /DEBUG \[RouterExplorer\] Mapped \{\/metrics, GET\} route/.test(line))).toBe(true);
    expect(lines.some((line) => /DEBUG \[InstanceLoader\] CatalogModule dependencies initialized/.test(line))).toBe(
      true,
    );
    expect(lines.filter((line) => / LOG \[/.test(line)).map((line) => line.replace(/^.* LOG /, ''))).toEqual([
      expect.stringMatching(/^\[StockSeeder\] seeded 12 stocks/),
      expect.stringMatching(/^\[Bootstrap\] catalog listening on/),
    ]);
  });

  it('prints nothing while all is well at LOG_LEVEL=warn', async () => {
    expect(await catalogOutput({ LOG_LEVEL: 'warn' })).toEqual([]);
  });

  it('writes one JSON object per line with LOG_FORMAT=json', async () => {
    const lines = await catalogOutput({ LOG_FORMAT: 'json' });
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ level: 'log', context: 'StockSeeder', message: expect.stringMatching(/^seeded 12/) }),
      expect.objectContaining({ level: 'log', context: 'Bootstrap', message: expect.stringMatching(/listening on/) }),
    ]);
  });
});
