import { resolve } from 'node:path';
import { DEVELOPMENT_TOKEN, loadConfig, parseReplicas } from './app-config';
import { ConfigError } from './config-error';
import { Env } from './env-parsers';

const LOCAL_REPLICAS = [
  { id: 3, url: 'http://127.0.0.1:3103' },
  { id: 2, url: 'http://127.0.0.1:3102' },
  { id: 1, url: 'http://127.0.0.1:3101' },
];

/** The ConfigError `loadConfig(env)` throws; fails the test if it throws nothing or something else. */
function configErrorOf(env: Env): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

function expectRefused(env: Env, variable: string): ConfigError {
  const error = configErrorOf(env);
  expect(error.variable).toBe(variable);
  expect(error.message.startsWith(`${variable} `)).toBe(true);
  return error;
}

describe(loadConfig.name, () => {
  describe('defaults', () => {
    it('gives the frontend port 3000 and the SPEC defaults', () => {
      const sut = loadConfig({ ROLE: 'frontend' });
      expect(sut).toMatchObject({
        role: 'frontend',
        port: 3000,
        host: '127.0.0.1',
        dataDir: resolve('./data'),
        replicaId: 0,
        replicas: LOCAL_REPLICAS,
        catalogUrls: ['http://127.0.0.1:3001'],
        frontendUrls: ['http://127.0.0.1:3000'],
        catalogDb: 'sqlite',
        catalogDatabaseUrl: '',
        cacheEnabled: true,
        cacheSize: 5,
        internalToken: DEVELOPMENT_TOKEN,
        heartbeatMs: 500,
        httpAdapter: 'express',
        heapGrowthPercent: 70,
      });
    });

    it('gives the catalog port 3001', () => {
      expect(loadConfig({ ROLE: 'catalog' })).toMatchObject({ role: 'catalog', port: 3001, replicaId: 0 });
    });

    it.each([1, 2, 3])('gives order replica %i port 3100 + its id', (id) => {
      expect(loadConfig({ ROLE: 'order', REPLICA_ID: String(id) })).toMatchObject({
        role: 'order',
        replicaId: id,
        port: 3100 + id,
      });
    });

    it('takes an explicit PORT over the role default', () => {
      expect(loadConfig({ ROLE: 'order', REPLICA_ID: '2', PORT: '4242' }).port).toBe(4242);
    });

    it('treats an empty or blank variable as unset', () => {
      expect(loadConfig({ ROLE: 'frontend', PORT: '', CACHE_SIZE: '   ' })).toMatchObject({ port: 3000, cacheSize: 5 });
    });

    it('freezes the result', () => {
      const sut = loadConfig({ ROLE: 'frontend' });
      expect(Object.isFrozen(sut)).toBe(true);
      expect(Object.isFrozen(sut.replicas)).toBe(true);
    });
  });

  describe('ROLE', () => {
    it.each(['bogus', 'Frontend', 'orders'])('refuses %s and lists the allowed roles', (role) => {
      const error = expectRefused({ ROLE: role }, 'ROLE');
      expect(error.message).toContain('frontend, catalog, order');
      expect(error.message).toContain(`'${role}'`);
    });

    it('requires ROLE', () => {
      expectRefused({}, 'ROLE');
    });
  });

  describe('ORDER_REPLICAS', () => {
    it('sorts the replicas by id, highest first, and trims spaces and trailing slashes', () => {
      const sut = loadConfig({
        ROLE: 'frontend',
        ORDER_REPLICAS: '2=http://b:3102/, 10=http://j:3110 ,1=https://a.example:3101',
      });
      expect(sut.replicas).toEqual([
        { id: 10, url: 'http://j:3110' },
        { id: 2, url: 'http://b:3102' },
        { id: 1, url: 'https://a.example:3101' },
      ]);
    });

    it.each([
      ['a pair without "="', '1=http://a:1,http://b:2'],
      ['a non-numeric id', 'x=http://a:1'],
      ['id 0', '0=http://a:1'],
      ['a negative id', '-1=http://a:1'],
      ['a trailing comma', '1=http://a:1,'],
      ['a non-http URL', '1=ftp://a:1'],
      ['something that is no URL', '1=not-a-url'],
      ['a URL with spaces', '1=http://a b:1'],
    ])('refuses %s', (_case, value) => {
      expectRefused({ ROLE: 'frontend', ORDER_REPLICAS: value }, 'ORDER_REPLICAS');
    });

    it('refuses a repeated replica id', () => {
      const error = expectRefused(
        { ROLE: 'frontend', ORDER_REPLICAS: '1=http://a:1,2=http://b:2,1=http://c:3' },
        'ORDER_REPLICAS',
      );
      expect(error.message).toMatch(/repeat/);
    });

    it('is parsed the same way by parseReplicas', () => {
      expect(parseReplicas('1=http://a:1,3=http://c:3')).toEqual([
        { id: 3, url: 'http://c:3' },
        { id: 1, url: 'http://a:1' },
      ]);
    });
  });

  describe('REPLICA_ID', () => {
    it('is required for an order replica', () => {
      expectRefused({ ROLE: 'order' }, 'REPLICA_ID');
    });

    it.each(['0', '-2', 'abc', '1.5', '2x'])('refuses %s', (value) => {
      expectRefused({ ROLE: 'order', REPLICA_ID: value }, 'REPLICA_ID');
    });

    it('must be one of the ids in ORDER_REPLICAS', () => {
      const error = expectRefused(
        { ROLE: 'order', REPLICA_ID: '4', ORDER_REPLICAS: '1=http://a:1,2=http://b:2' },
        'REPLICA_ID',
      );
      expect(error.message).toContain('ORDER_REPLICAS');
    });

    it('is ignored outside the order role', () => {
      expect(loadConfig({ ROLE: 'catalog', REPLICA_ID: 'nonsense' }).replicaId).toBe(0);
    });
  });

  describe('CACHE_ENABLED', () => {
    it.each([
      ['true', true],
      ['TRUE', true],
      ['1', true],
      ['false', false],
      ['False', false],
      ['0', false],
    ])('reads %s as %s', (value, expected) => {
      expect(loadConfig({ ROLE: 'frontend', CACHE_ENABLED: value }).cacheEnabled).toBe(expected);
    });

    it.each(['yes', 'off', '2'])('refuses %s', (value) => {
      expectRefused({ ROLE: 'frontend', CACHE_ENABLED: value }, 'CACHE_ENABLED');
    });
  });

  describe('ranges', () => {
    it.each([
      ['PORT', '65535', 65535],
      ['CACHE_SIZE', '1', 1],
      ['HEARTBEAT_MS', '50', 50],
    ])('accepts %s at its bound %s', (variable, value, expected) => {
      const sut = loadConfig({ ROLE: 'frontend', [variable]: value });
      const field = { PORT: sut.port, CACHE_SIZE: sut.cacheSize, HEARTBEAT_MS: sut.heartbeatMs }[variable];
      expect(field).toBe(expected);
    });

    it.each([
      ['PORT', '65536'],
      ['PORT', '99999'],
      ['PORT', '-1'],
      ['PORT', '80a'],
      ['PORT', '1e3'],
      ['PORT', '3000.5'],
      ['CACHE_SIZE', '0'],
      ['CACHE_SIZE', 'abc'],
      ['HEARTBEAT_MS', '49'],
      ['HEARTBEAT_MS', '60001'],
      ['DOWNSTREAM_TIMEOUT_MS', '10'],
    ])('refuses %s=%s, naming it', (variable, value) => {
      const error = expectRefused({ ROLE: 'frontend', [variable]: value }, variable);
      expect(error.message).toContain(`'${value}'`);
    });
  });

  describe('URLs and choices', () => {
    it('strips trailing slashes from CATALOG_URL and FRONTEND_URL', () => {
      const sut = loadConfig({
        ROLE: 'order',
        REPLICA_ID: '1',
        CATALOG_URL: 'http://cat:9/',
        FRONTEND_URL: 'https://fe//',
      });
      expect(sut.catalogUrls).toEqual(['http://cat:9']);
      expect(sut.frontendUrls).toEqual(['https://fe']);
    });

    it('reads CATALOG_URL and FRONTEND_URL as comma-separated lists, in order', () => {
      const sut = loadConfig({
        ROLE: 'order',
        REPLICA_ID: '1',
        CATALOG_URL: 'http://cat-2:9/, http://cat-1:9',
        FRONTEND_URL: 'http://fe-1:3000,http://fe-2:3000',
      });
      expect(sut.catalogUrls).toEqual(['http://cat-2:9', 'http://cat-1:9']);
      expect(sut.frontendUrls).toEqual(['http://fe-1:3000', 'http://fe-2:3000']);
      expect(Object.isFrozen(sut.catalogUrls)).toBe(true);
    });

    it.each([
      ['CATALOG_URL', 'http://a:1,'],
      ['CATALOG_URL', 'http://a:1,,http://b:1'],
      ['CATALOG_URL', 'http://a:1,catalog:3001'],
      ['FRONTEND_URL', 'http://a:1,http://a:1/'],
    ])('refuses the list %s=%s', (variable, value) => {
      expectRefused({ ROLE: 'order', REPLICA_ID: '1', [variable]: value }, variable);
    });

    it.each([
      ['CATALOG_URL', 'catalog:3001'],
      ['FRONTEND_URL', 'file:///etc/passwd'],
      ['HTTP_ADAPTER', 'koa'],
    ])('refuses %s=%s', (variable, value) => {
      expectRefused({ ROLE: 'catalog', [variable]: value }, variable);
    });

    it('refuses CATALOG_DB other than sqlite or postgres', () => {
      expect(expectRefused({ ROLE: 'catalog', CATALOG_DB: 'mysql' }, 'CATALOG_DB').message).toContain(
        'sqlite, postgres',
      );
    });

    it('reports the first bad variable when several are bad', () => {
      expectRefused({ ROLE: 'bogus', PORT: 'x', CACHE_SIZE: 'y' }, 'ROLE');
    });
  });

  describe('LOG_LEVEL and LOG_FORMAT', () => {
    it('default to log and text on every role', () => {
      for (const env of [{ ROLE: 'frontend' }, { ROLE: 'catalog' }, { ROLE: 'order', REPLICA_ID: '2' }]) {
        expect(loadConfig(env)).toMatchObject({ logLevel: 'log', logFormat: 'text' });
      }
    });

    it.each(['error', 'warn', 'log', 'debug'])('accepts LOG_LEVEL=%s', (level) => {
      expect(loadConfig({ ROLE: 'catalog', LOG_LEVEL: level }).logLevel).toBe(level);
    });

    it('accepts LOG_FORMAT=json', () => {
      expect(loadConfig({ ROLE: 'catalog', LOG_FORMAT: 'json' }).logFormat).toBe('json');
    });

    it.each([
      ['LOG_LEVEL', 'verbose'],
      ['LOG_LEVEL', 'INFO'],
      ['LOG_FORMAT', 'pretty'],
    ])('refuses %s=%s and lists the allowed values', (variable, value) => {
      const error = expectRefused({ ROLE: 'frontend', [variable]: value }, variable);
      expect(error.message).toContain(variable === 'LOG_LEVEL' ? 'error, warn, log, debug' : 'text, json');
    });
  });

  describe('CATALOG_DB and CATALOG_DATABASE_URL', () => {
    const DATABASE_URL = 'postgres://bazaar:secret@db:5432/bazaar';

    it('gives a catalog on postgres its database URL', () => {
      expect(loadConfig({ ROLE: 'catalog', CATALOG_DB: 'postgres', CATALOG_DATABASE_URL: DATABASE_URL })).toMatchObject(
        {
          catalogDb: 'postgres',
          catalogDatabaseUrl: DATABASE_URL,
        },
      );
      const socket = 'postgresql:///bazaar?host=/tmp/pg&user=postgres';
      expect(
        loadConfig({ ROLE: 'catalog', CATALOG_DB: 'postgres', CATALOG_DATABASE_URL: socket }).catalogDatabaseUrl,
      ).toBe(socket);
    });

    it('requires the URL for a catalog on postgres', () => {
      expectRefused({ ROLE: 'catalog', CATALOG_DB: 'postgres' }, 'CATALOG_DATABASE_URL');
    });

    it.each(['mysql://db/bazaar', 'db:5432', 'http://db:5432'])('refuses %s, without echoing a password', (value) => {
      const error = expectRefused(
        { ROLE: 'catalog', CATALOG_DB: 'postgres', CATALOG_DATABASE_URL: value },
        'CATALOG_DATABASE_URL',
      );
      expect(error.message).toContain('postgres://');
    });

    it('hides the password of a refused URL', () => {
      const error = expectRefused(
        { ROLE: 'catalog', CATALOG_DB: 'postgres', CATALOG_DATABASE_URL: 'mysql://bazaar:hunter2@db/bazaar' },
        'CATALOG_DATABASE_URL',
      );
      expect(error.message).not.toContain('hunter2');
    });

    it('is neither needed nor kept outside the catalog, nor with sqlite', () => {
      expect(loadConfig({ ROLE: 'frontend', CATALOG_DB: 'postgres' }).catalogDatabaseUrl).toBe('');
      expect(loadConfig({ ROLE: 'catalog', CATALOG_DATABASE_URL: DATABASE_URL }).catalogDatabaseUrl).toBe('');
    });
  });
});
