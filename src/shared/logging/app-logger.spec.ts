import { createAppLogger } from './app-logger';

const ANSI = /\x1b\[[0-9;]*m/g;

describe(createAppLogger.name, () => {
  let printed: string[];

  beforeEach(() => {
    printed = [];
    // Colours off, as NO_COLOR=1 would have them.
    const capture = (chunk: string | Uint8Array): boolean => printed.push(String(chunk).replace(ANSI, '')) > 0;
    jest.spyOn(process.stdout, 'write').mockImplementation(capture);
    jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  });

  afterEach(() => jest.restoreAllMocks());

  it('prints log and above at LOG_LEVEL=log, and moves Nest’s start-up messages down to debug', () => {
    const sut = createAppLogger({ logLevel: 'log', logFormat: 'text' });
    sut.log('Mapped {/stocks/:name, GET} route', 'RouterExplorer');
    sut.log('FrontendModule dependencies initialized', 'InstanceLoader');
    sut.debug('invalidated GameStart', 'StockCacheService');
    sut.log('frontend listening on http://127.0.0.1:3000', 'Bootstrap');
    sut.warn('leader 3 failed its heartbeat', 'LeaderElection');
    expect(printed).toHaveLength(2);
    expect(printed[0]).toMatch(/LOG \[Bootstrap\] frontend listening on http:\/\/127\.0\.0\.1:3000/);
    expect(printed[1]).toMatch(/WARN \[LeaderElection\] leader 3 failed its heartbeat/);
  });

  it('prints the route mapping at LOG_LEVEL=debug', () => {
    const sut = createAppLogger({ logLevel: 'debug', logFormat: 'text' });
    sut.log('Mapped {/stocks/:name, GET} route', 'RouterExplorer');
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/DEBUG \[RouterExplorer\] Mapped \{\/stocks\/:name, GET\} route/);
  });

  it('prints only errors at LOG_LEVEL=error', () => {
    const sut = createAppLogger({ logLevel: 'error', logFormat: 'text' });
    sut.warn('a warning', 'Test');
    sut.log('a line', 'Test');
    sut.error('an error', 'Test');
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/ERROR \[Test\] an error/);
  });

  it('prints one JSON object per line with LOG_FORMAT=json', () => {
    const sut = createAppLogger({ logLevel: 'log', logFormat: 'json' });
    sut.log('catalog listening on http://127.0.0.1:3001', 'Bootstrap');
    expect(printed).toHaveLength(1);
    expect(printed[0].endsWith('\n')).toBe(true);
    expect(JSON.parse(printed[0])).toMatchObject({
      level: 'log',
      context: 'Bootstrap',
      message: 'catalog listening on http://127.0.0.1:3001',
    });
  });
});
