import { FakeClock } from '../../../test/fakes/fake-clock';
import { loadConfig } from '../../config/app-config';
import { NotEnoughStockError, StaleEpochError, UnreachableError, UpstreamUnavailableError } from '../errors';
import { InternalHttp } from '../http/internal-http';
import { CATALOG_COOL_DOWN_MS, HttpCatalogClient } from './http-catalog.client';

/** What a catalog answers: data, or an Error it fails with. */
type Answer = unknown;

/** Catalogs by base URL: each answers every call with its scripted answer (an Error is thrown). */
class FakeCatalogs {
  readonly calls: string[] = [];
  readonly answers = new Map<string, Answer>();

  readonly http = {
    call: async (_service: string, method: string, url: string) => {
      this.calls.push(`${method} ${url}`);
      const answer = this.answers.get(new URL(url).origin);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as InternalHttp;

  /** The catalog of each call so far, by letter. */
  served(): string[] {
    return this.calls.map((call) => (call.includes(A) ? 'A' : 'B'));
  }
}

const A = 'http://catalog-a:1';
const B = 'http://catalog-b:1';
const BATCH = { epoch: 1, trades: [{ tradeId: 't1', name: 'GameStart', type: 'buy' as const, quantity: 1 }] };
const APPLIED = [{ applied: { ...BATCH.trades[0], seq: 1 } }];

describe(HttpCatalogClient.name, () => {
  let catalogs: FakeCatalogs;
  let clock: FakeClock;
  let sut: HttpCatalogClient;

  beforeEach(() => {
    catalogs = new FakeCatalogs();
    catalogs.answers.set(A, APPLIED);
    catalogs.answers.set(B, APPLIED);
    clock = new FakeClock();
    const config = loadConfig({ ROLE: 'order', REPLICA_ID: '1', CATALOG_URL: `${A},${B}` });
    sut = new HttpCatalogClient(catalogs.http, config, clock);
  });

  it('sends each call to one catalog, taking them in turn', async () => {
    expect(await sut.trade(BATCH)).toEqual(APPLIED);
    await sut.trade(BATCH);
    await sut.journal(0, 10);
    expect(catalogs.calls).toEqual([
      `POST ${A}/internal/trades`,
      `POST ${B}/internal/trades`,
      `GET ${A}/internal/journal?after=0&limit=10`,
    ]);
  });

  it('sends the same batch to the next catalog when one is unreachable, and tries that one last for a while', async () => {
    catalogs.answers.set(A, new UnreachableError('catalog'));
    expect(await sut.trade(BATCH)).toEqual(APPLIED);
    for (let i = 0; i < 3; i += 1) await sut.trade(BATCH);
    expect(catalogs.served()).toEqual(['A', 'B', 'B', 'B', 'B']);
    await clock.advance(CATALOG_COOL_DOWN_MS);
    catalogs.answers.set(A, APPLIED);
    await sut.trade(BATCH);
    await sut.trade(BATCH);
    expect(catalogs.served().slice(5)).toEqual(['A', 'B']);
  });

  it('moves on from a catalog that times out or answers that it cannot serve', async () => {
    catalogs.answers.set(A, new UnreachableError('catalog', true));
    expect(await sut.trade(BATCH)).toEqual(APPLIED);
    catalogs.answers.set(A, APPLIED);
    catalogs.answers.set(B, UpstreamUnavailableError.of('catalog'));
    await clock.advance(CATALOG_COOL_DOWN_MS);
    expect(await sut.list()).toEqual(APPLIED);
    expect(catalogs.served()).toEqual(['A', 'B', 'B', 'A']);
  });

  it('passes domain errors on without asking another catalog', async () => {
    catalogs.answers.set(A, new StaleEpochError('stale epoch 1: current epoch is 2'));
    catalogs.answers.set(B, new NotEnoughStockError());
    await expect(sut.trade(BATCH)).rejects.toBeInstanceOf(StaleEpochError);
    await expect(sut.lookup('GameStart')).rejects.toBeInstanceOf(NotEnoughStockError);
    expect(catalogs.served()).toEqual(['A', 'B']);
  });

  it('tries each catalog once, then gives up with the last failure', async () => {
    catalogs.answers.set(A, new UnreachableError('catalog'));
    catalogs.answers.set(B, new UnreachableError('catalog', true));
    const error = await sut.fence(3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as UnreachableError).timedOut).toBe(true);
    expect(catalogs.calls).toEqual([`POST ${A}/internal/fence`, `POST ${B}/internal/fence`]);
  });

  it('calls a single catalog once, as before', async () => {
    const single = new HttpCatalogClient(catalogs.http, loadConfig({ ROLE: 'frontend', CATALOG_URL: A }), clock);
    catalogs.answers.set(A, new UnreachableError('catalog'));
    await expect(single.list()).rejects.toBeInstanceOf(UnreachableError);
    await expect(single.list()).rejects.toBeInstanceOf(UnreachableError);
    expect(catalogs.served()).toEqual(['A', 'A']);
  });
});
