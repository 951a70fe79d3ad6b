import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config';
import { RestockService } from './restock.service';

export const RESTOCK_JOB = 'restock';

/** Runs the restock every RESTOCK_INTERVAL_MS (off when 0); a run never overlaps the previous one. */
@Injectable()
export class RestockJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(RestockJob.name);
  private running = false;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly restock: RestockService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const intervalMs = this.config.restockIntervalMs;
    if (intervalMs === 0) return;
    this.registry.addInterval(
      RESTOCK_JOB,
      setInterval(() => void this.tick(), intervalMs),
    );
    this.logger.log(`restocking below ${this.config.restockThreshold} every ${intervalMs} ms`);
  }

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.restock.restockLow();
    } catch (error) {
      this.logger.warn(`restock failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.running = false;
    }
  }
}
