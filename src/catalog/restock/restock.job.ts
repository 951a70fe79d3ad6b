import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { schedulePeriodic } from '../../shared/schedule/periodic-task';
import { RestockService } from './restock.service';

export const RESTOCK_JOB = 'restock';

/** Runs the restock every RESTOCK_INTERVAL_MS (off when 0); a run never overlaps the previous one. */
@Injectable()
export class RestockJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(RestockJob.name);

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly restock: RestockService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const intervalMs = this.config.restockIntervalMs;
    if (intervalMs === 0) return;
    schedulePeriodic(this.registry, RESTOCK_JOB, intervalMs, () => this.restock.restockLow(), this.logger);
    this.logger.log(`restocking below ${this.config.restockThreshold} every ${intervalMs} ms`);
  }
}
