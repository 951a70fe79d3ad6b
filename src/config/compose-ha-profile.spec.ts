import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeFile, DOCKER_DIR, Env, interpolate, TEST_TOKEN } from '../../test/fixtures/compose-file';

const { compose, rawEnv, config, expectPointsAt, profile } = composeFile();
const HA = profile('ha');
const CATALOGS = ['ha-catalog-1', 'ha-catalog-2'];
const FRONTENDS = ['ha-frontend-1', 'ha-frontend-2'];
const ORDERS = ['ha-order-1', 'ha-order-2', 'ha-order-3'];
const APPS = [...CATALOGS, ...ORDERS, ...FRONTENDS];
const HAPROXY = readFileSync(join(DOCKER_DIR, 'ha', 'haproxy.cfg'), 'utf8');

describe('docker/compose.yml, ha profile', () => {
  it('declares two frontends behind a load balancer, two catalogs, three order replicas and postgres', () => {
    expect([...HA].sort()).toEqual([...APPS, 'ha-lb', 'postgres'].sort());
    for (const name of HA) expect(compose.services[name].profiles).toEqual(['ha']);
  });

  it('gives each app service the role its name says, listening on all interfaces', () => {
    for (const name of CATALOGS) expect(config(name).role).toBe('catalog');
    for (const name of FRONTENDS) expect(config(name).role).toBe('frontend');
    ORDERS.forEach((name, index) => expect(config(name)).toMatchObject({ role: 'order', replicaId: index + 1 }));
    for (const name of APPS) expect(config(name)).toMatchObject({ host: '0.0.0.0', internalToken: TEST_TOKEN });
  });

  it('puts both catalogs on the postgres service, with its password and database', () => {
    const postgres = rawEnv('postgres');
    for (const name of CATALOGS) {
      expect(config(name).catalogDb).toBe('postgres');
      for (const vars of [{}, { POSTGRES_PASSWORD: 's3cret' }] as Env[]) {
        const url = new URL(interpolate(rawEnv(name).CATALOG_DATABASE_URL, vars));
        expect([url.hostname, url.port, url.pathname, url.username]).toEqual([
          'postgres',
          '5432',
          '/stock_bazaar',
          'postgres',
        ]);
        expect(url.password).toBe(interpolate(postgres.POSTGRES_PASSWORD, vars));
      }
    }
    expect(postgres.POSTGRES_DB).toBe('stock_bazaar');
  });

  it('lists both catalogs, both frontends and its own three replicas in every app service', () => {
    for (const name of APPS) {
      const { catalogUrls, frontendUrls, replicas } = config(name);
      expect(catalogUrls).toHaveLength(2);
      catalogUrls.forEach((url, i) => expectPointsAt(url, CATALOGS[i]));
      expect(frontendUrls).toHaveLength(2);
      frontendUrls.forEach((url, i) => expectPointsAt(url, FRONTENDS[i]));
      expect(replicas.map((r) => r.id).sort()).toEqual([1, 2, 3]);
      for (const replica of replicas) expectPointsAt(replica.url, `ha-order-${replica.id}`);
    }
  });

  it('health-checks every service on its own port, and starts each after what it needs is healthy', () => {
    for (const name of APPS) {
      expect(compose.services[name].healthcheck?.test?.join(' ')).toContain(
        `http://127.0.0.1:${config(name).port}/health`,
      );
    }
    expect(compose.services.postgres.healthcheck?.test).toContain('pg_isready');
    for (const name of CATALOGS) expect(compose.services[name].depends_on?.postgres?.condition).toBe('service_healthy');
    for (const name of [...ORDERS, ...FRONTENDS]) {
      for (const catalog of CATALOGS)
        expect(compose.services[name].depends_on?.[catalog]?.condition).toBe('service_healthy');
    }
    for (const frontend of FRONTENDS) {
      expect(compose.services['ha-lb'].depends_on?.[frontend]?.condition).toBe('service_healthy');
    }
  });

  it('balances over both frontends, health-checked on GET /health, on the published port only', () => {
    expect(HAPROXY).toMatch(/^\s*bind :8080$/m);
    expect(HAPROXY).toMatch(/^\s*option httpchk GET \/health$/m);
    const servers = [...HAPROXY.matchAll(/^\s*server (\S+) (\S+):(\d+) check$/gm)].map((m) => [
      m[1],
      m[2],
      Number(m[3]),
    ]);
    expect(servers).toEqual(FRONTENDS.map((name) => [name, name, config(name).port]));
    const published = (vars: Env) => (compose.services['ha-lb'].ports ?? []).map((p) => interpolate(p, vars));
    expect(published({})).toEqual(['127.0.0.1:3080:8080']);
    expect(published({ HA_BIND: '0.0.0.0', HA_PORT: '80' })).toEqual(['0.0.0.0:80:8080']);
    for (const name of HA.filter((n) => n !== 'ha-lb')) expect(compose.services[name].ports).toBeUndefined();
  });

  it('keeps state only in postgres and the replicas, each on a named volume of its own', () => {
    const declared = Object.keys(compose.volumes ?? {});
    const mounts = (name: string) => compose.services[name].volumes ?? [];
    const used = ['postgres', ...ORDERS].map((name) => {
      const [volume, path] = mounts(name)[0]?.split(':') ?? [];
      expect(declared).toContain(volume);
      expect(path).toBe(name === 'postgres' ? '/var/lib/postgresql/data' : config(name).dataDir);
      return volume;
    });
    expect(new Set(used).size).toBe(used.length);
    for (const name of [...CATALOGS, ...FRONTENDS, 'ha-lb']) expect(mounts(name)).toEqual([]);
  });
});
