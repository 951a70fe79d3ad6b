import { loadConfig } from '../../config/app-config';
import { NotEnoughStockError, StaleEpochError, UnreachableError, UpstreamUnavailableError } from '../errors';
import { CallOptions, InternalHttp } from '../http/internal-http';
import { HttpCatalogClient } from './http-catalog.client';

/** What a catalog answers: data, or an Error it fails with. */
type Answer = unknown;

/** Catalogs by base URL: each answers every call with its scripted answer (an Error is thrown). */
class FakeCatalogs {
  readonly calls: string[] = [];
  readonly answers = new Map<string, Answer>();

  readonly http = {
    call: async (_service: string, method: string, url: string, _body?: unknown, _options?: CallOptions) => {
      this.calls.push(`${method} ${url}`);
      const base = new URL(url).origin;
      const answer = this.answers.get(base);
      if (answer === undefined) throw new Error(`no catalog at ${base}`);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as InternalHttp;
}

const A = 'http://catalog-a:1';
const B = 'http://catalog-b:1';
const BATCH = { epoch: 1, trades: [{ tradeId: 't1', name: 'GameStart', type: 'buy' as const, quantity: 1 }] };
const APPLIED = [{ applied: { ...BATCH.trades[0], seq: 1 } }];

describe(HttpCatalogClient.name, () => {
  let catalogs: FakeCatalogs;
  let sut: HttpCatalogClient;

  beforeEach(() => {
    catalogs = new FakeCatalogs();
    sut = new HttpCatalogClient(
      catalogs.http,
      loadConfig({ ROLE: 'order', REPLICA_ID: '1', CATALOG_URL: `${A},${B}` }),
    );
  });

  it('sends everything to the first catalog while it answers', async () => {
    catalogs.answers.set(A, APPLIED);
    expect(await sut.trade(BATCH)).toEqual(APPLIED);
    await sut.trade(BATCH);
    expect(catalogs.calls).toEqual([`POST ${A}/internal/trades`, `POST ${A}/internal/trades`]);
  });

  it('sends the same batch to the next catalog when one is unreachable or times out, and stays there', async () => {
    catalogs.answers.set(A, new UnreachableError('catalog'));
    catalogs.answers.set(B, APPLIED);
    expect(await sut.trade(BATCH)).toEqual(APPLIED);
    catalogs.answers.set(A, APPLIED);
    catalogs.answers.set(B, new UnreachableError('catalog', true));
    expect(await sut.trade(BATCH)).toEqual(APPLIED);
    expect(await sut.journal(0, 10)).toEqual(APPLIED);
    expect(catalogs.calls).toEqual([
      `POST ${A}/internal/trades`,
      `POST ${B}/internal/trades`,
      `POST ${B}/internal/trades`,
      `POST ${A}/internal/trades`,
      `GET ${A}/internal/journal?after=0&limit=10`,
    ]);
  });

  it('moves on from a catalog that answers that it cannot serve', async () => {
    catalogs.answers.set(A, UpstreamUnavailableError.of('catalog'));
    catalogs.answers.set(B, [{ name: 'GameStart' }]);
    expect(await sut.list()).toEqual([{ name: 'GameStart' }]);
  });

  it('passes domain errors on without asking another catalog', async () => {
    catalogs.answers.set(A, new StaleEpochError('stale epoch 1: current epoch is 2'));
    catalogs.answers.set(B, APPLIED);
    await expect(sut.trade(BATCH)).rejects.toBeInstanceOf(StaleEpochError);
    catalogs.answers.set(A, new NotEnoughStockError());
    await expect(sut.lookup('GameStart')).rejects.toBeInstanceOf(NotEnoughStockError);
    expect(catalogs.calls.every((call) => call.includes(A))).toBe(true);
  });

  it('tries each catalog once, then gives up with the last failure', async () => {
    catalogs.answers.set(A, new UnreachableError('catalog'));
    catalogs.answers.set(B, new UnreachableError('catalog', true));
    const error = await sut.fence(3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as UnreachableError).timedOut).toBe(true);
    expect(catalogs.calls).toEqual([`POST ${A}/internal/fence`, `POST ${B}/internal/fence`]);
  });
});
