import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { composeFile, DOCKER_DIR, Env, interpolate, interpolated, TEST_TOKEN } from '../../test/fixtures/compose-file';

interface ScrapeConfig {
  readonly scrape_configs: { static_configs: { targets: string[]; labels?: Record<string, string> }[] }[];
}

const STATEFUL = ['catalog', 'order-1', 'order-2', 'order-3'];
const { compose, names: allNames, rawEnv, config, expectPointsAt, profile } = composeFile();
/** What a plain `up` starts: the services of no profile. */
const names = profile();

describe('docker/compose.yml, default profile', () => {
  it('declares exactly catalog, order-1..3 and frontend, on SQLite', () => {
    expect([...names].sort()).toEqual(['catalog', 'frontend', 'order-1', 'order-2', 'order-3']);
    for (const name of names) expect(config(name).catalogDb).toBe('sqlite');
  });

  it('puts every other service in the ha profile, but Prometheus, which is the metrics profile', () => {
    expect(profile('metrics')).toEqual(['prometheus']);
    expect(allNames.filter((name) => !names.includes(name) && name !== 'prometheus').sort()).toEqual(
      [...profile('ha')].sort(),
    );
  });

  it('has Prometheus scrape every default service on its PORT, labelled with its name, published on 127.0.0.1:9090', () => {
    const prometheus = compose.services.prometheus;
    const mount = (prometheus.volumes ?? []).find((v) => v.endsWith(':/etc/prometheus/prometheus.yml:ro')) ?? '';
    expect(prometheus.command).toContain('--config.file=/etc/prometheus/prometheus.yml');
    const scrape = parse(readFileSync(join(DOCKER_DIR, mount.split(':')[0]), 'utf8')) as ScrapeConfig;
    const targets = scrape.scrape_configs.flatMap((job) =>
      job.static_configs.flatMap((group) => group.targets.map((target) => [group.labels?.process, target])),
    );
    expect(targets.sort()).toEqual(names.map((name) => [name, `${name}:${config(name).port}`]).sort());
    expect((prometheus.ports ?? []).map((p) => interpolate(p, {}))).toEqual(['127.0.0.1:9090:9090']);
  });

  it.each(names)('gives %s a configuration loadConfig accepts', (name) => {
    expect(() => config(name)).not.toThrow();
  });

  it('gives each service the role its name says, listening on all interfaces', () => {
    expect(config('catalog').role).toBe('catalog');
    expect(config('frontend').role).toBe('frontend');
    for (const id of [1, 2, 3]) {
      expect(config(`order-${id}`).role).toBe('order');
      expect(config(`order-${id}`).replicaId).toBe(id);
    }
    for (const name of names) expect(config(name).host).toBe('0.0.0.0');
  });

  it('requires INTERNAL_TOKEN from the environment and shares it with every service', () => {
    for (const name of names) {
      expect(rawEnv(name).INTERNAL_TOKEN).toMatch(/^\$\{INTERNAL_TOKEN:\?[^}]*\}$/);
      expect(() => interpolated(rawEnv(name), {})).toThrow(/INTERNAL_TOKEN/);
      expect(config(name).internalToken).toBe(TEST_TOKEN);
    }
  });

  it('points ORDER_REPLICAS at each order service and its PORT', () => {
    const orderServices = names.filter((name) => config(name).role === 'order');
    for (const name of names) {
      const replicas = config(name).replicas;
      expect(replicas.map((r) => `order-${r.id}`).sort()).toEqual([...orderServices].sort());
      for (const replica of replicas) {
        expectPointsAt(replica.url, `order-${replica.id}`);
        expect(config(`order-${replica.id}`).replicaId).toBe(replica.id);
      }
    }
  });

  it('points CATALOG_URL at the catalog and FRONTEND_URL at the frontend', () => {
    for (const name of names) {
      expect(config(name).catalogUrls).toHaveLength(1);
      expect(config(name).frontendUrls).toHaveLength(1);
      expectPointsAt(config(name).catalogUrls[0], 'catalog');
      expectPointsAt(config(name).frontendUrls[0], 'frontend');
    }
  });

  it('uses distinct ports and health-checks each service on its own port', () => {
    expect(new Set(names.map((name) => config(name).port)).size).toBe(names.length);
    for (const name of names) {
      const test = compose.services[name].healthcheck?.test?.join(' ') ?? '';
      expect(test).toContain(`http://127.0.0.1:${config(name).port}/health`);
    }
  });

  it('keeps each stateful service on its own named volume mounted at DATA_DIR', () => {
    const declared = Object.keys(compose.volumes ?? {});
    const used = STATEFUL.map((name) => {
      const mount = (compose.services[name].volumes ?? []).find((v) => v.endsWith(`:${config(name).dataDir}`));
      expect(mount).toBeDefined();
      const volume = (mount ?? '').split(':')[0];
      expect(declared).toContain(volume);
      return volume;
    });
    expect(new Set(used).size).toBe(STATEFUL.length);
  });

  it('publishes only the frontend (and, in their profiles, the load balancer and Prometheus), on 127.0.0.1:3000 by default', () => {
    const published = (vars: Env) => (compose.services.frontend.ports ?? []).map((p) => interpolate(p, vars));
    expect(published({})).toEqual([`127.0.0.1:3000:${config('frontend').port}`]);
    expect(published({ FRONTEND_BIND: '0.0.0.0', FRONTEND_PORT: '8080' })).toEqual([
      `0.0.0.0:8080:${config('frontend').port}`,
    ]);
    const others = allNames.filter((n) => n !== 'frontend' && n !== 'ha-lb' && n !== 'prometheus');
    for (const name of others) expect(compose.services[name].ports).toBeUndefined();
  });

  it('has no top-level name, which docker-compose 1.29 rejects (the project name comes from -p)', () => {
    expect(Object.keys(compose)).not.toContain('name');
  });
});
