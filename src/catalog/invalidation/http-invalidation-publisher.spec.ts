import { loadConfig } from '../../config/app-config';
import { INVALIDATION_PATH } from '../../shared/contracts';
import { InternalHttp } from '../../shared/http/internal-http';
import { SystemClock } from '../../shared/time/clock';
import { HttpInvalidationPublisher } from './http-invalidation-publisher';

/** Frontends by URL: each push is recorded, and answered with the frontend's status. */
class FakeFrontends {
  readonly pushes: { url: string; body: unknown }[] = [];
  readonly status = new Map<string, number>();

  readonly http = {
    request: async (_service: string, _method: string, url: string, body: unknown) => {
      this.pushes.push({ url, body });
      return { status: this.status.get(new URL(url).origin) ?? 200 };
    },
  } as unknown as InternalHttp;

  to(origin: string): unknown[] {
    return this.pushes.filter((push) => push.url.startsWith(origin)).map((push) => push.body);
  }
}

const ONE = 'http://frontend-1:3000';
const TWO = 'http://frontend-2:3000';

describe(HttpInvalidationPublisher.name, () => {
  it('pushes every change to every frontend, and retries only the one that failed', async () => {
    const frontends = new FakeFrontends();
    frontends.status.set(TWO, 503);
    const config = loadConfig({ ROLE: 'catalog', FRONTEND_URL: `${ONE},${TWO}` });
    const sut = new HttpInvalidationPublisher(frontends.http, new SystemClock(), config);
    sut.publish({ name: 'GameStart', version: 2 });
    while (frontends.to(TWO).length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    await sut.onApplicationShutdown();
    const push = { invalidations: [{ name: 'GameStart', version: 2 }] };
    expect(frontends.to(ONE)).toEqual([push]);
    expect(frontends.to(TWO).length).toBeGreaterThanOrEqual(2);
    expect(new Set(frontends.to(TWO).map((body) => JSON.stringify(body)))).toEqual(new Set([JSON.stringify(push)]));
    expect(frontends.pushes.every((p) => p.url.endsWith(INVALIDATION_PATH))).toBe(true);
  });
});
