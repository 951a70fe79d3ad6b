import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { schedulePeriodic } from './periodic-task';

class FakeLogger extends Logger {
  readonly warnings: string[] = [];
  override warn(message: string): void {
    this.warnings.push(message);
  }
}

describe(schedulePeriodic.name, () => {
  let registry: SchedulerRegistry;

  beforeEach(() => {
    jest.useFakeTimers();
    registry = new SchedulerRegistry();
  });

  afterEach(() => {
    registry.getIntervals().forEach((name) => registry.deleteInterval(name));
    jest.useRealTimers();
  });

  it('registers under its name and never starts a run while the previous one is going', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const task = () => {
      runs += 1;
      return new Promise<void>((resolve) => (release = resolve));
    };
    schedulePeriodic(registry, 'job', 100, task, new FakeLogger());
    expect(registry.getIntervals()).toEqual(['job']);

    await jest.advanceTimersByTimeAsync(350);
    expect(runs).toBe(1);
    release();
    await jest.advanceTimersByTimeAsync(100);
    expect(runs).toBe(2);
  });

  it('logs a failed run and keeps going', async () => {
    const logger = new FakeLogger();
    let runs = 0;
    schedulePeriodic(registry, 'job', 100, () => Promise.reject(new Error(`boom ${++runs}`)), logger);
    await jest.advanceTimersByTimeAsync(250);
    expect(logger.warnings).toEqual(['job failed: boom 1', 'job failed: boom 2']);
  });
});
