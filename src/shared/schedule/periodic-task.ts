import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';

/**
 * Registers `task` with @nestjs/schedule to run every `intervalMs`, never overlapping itself (a
 * run that is still going makes the next tick a no-op) and logging a failure instead of throwing.
 * Jobs stay thin: the rule lives in the service the task calls.
 */
export function schedulePeriodic(
  registry: SchedulerRegistry,
  name: string,
  intervalMs: number,
  task: () => Promise<unknown>,
  logger: Logger,
): void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await task();
    } catch (error) {
      logger.warn(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  registry.addInterval(
    name,
    setInterval(() => void tick(), intervalMs),
  );
}
