import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config';
import { RESTOCK_JOB, RestockJob } from './restock.job';
import { RestockService } from './restock.service';

/** A restock whose runs stay open until released; fails loudly on anything else. */
class FakeRestockService {
  runs = 0;
  private release: () => void = () => undefined;

  async restockLow(): Promise<[]> {
    this.runs += 1;
    await new Promise<void>((resolve) => (this.release = resolve));
    return [];
  }

  finish(): void {
    this.release();
  }
}

function job(restockIntervalMs: number, registry: SchedulerRegistry, restock: FakeRestockService): RestockJob {
  const config = { restockIntervalMs, restockThreshold: 10 } as AppConfig;
  return new RestockJob(registry, restock as unknown as RestockService, config);
}

describe(RestockJob.name, () => {
  let registry: SchedulerRegistry;

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => (registry = new SchedulerRegistry()));
  afterEach(() => registry.getIntervals().forEach((name) => registry.deleteInterval(name)));

  it('registers its interval from the configuration', () => {
    job(250, registry, new FakeRestockService()).onApplicationBootstrap();
    expect(registry.getIntervals()).toEqual([RESTOCK_JOB]);
  });

  it('registers nothing when the interval is 0', () => {
    job(0, registry, new FakeRestockService()).onApplicationBootstrap();
    expect(registry.getIntervals()).toEqual([]);
  });

  it('calls the restock and never starts a run while the previous one is going', async () => {
    const restock = new FakeRestockService();
    const sut = job(250, registry, restock);
    const first = sut.tick();
    await sut.tick();
    expect(restock.runs).toBe(1);
    restock.finish();
    await first;
    const second = sut.tick();
    expect(restock.runs).toBe(2);
    restock.finish();
    await second;
  });
});
