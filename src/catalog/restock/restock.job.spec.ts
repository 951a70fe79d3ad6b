import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { RESTOCK_JOB, RestockJob } from './restock.job';
import { RestockService } from './restock.service';

class FakeRestockService {
  async restockLow(): Promise<[]> {
    return [];
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
});
