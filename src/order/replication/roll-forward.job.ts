import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { schedulePeriodic } from '../../shared/schedule/periodic-task';
import { RollForwardService } from './roll-forward.service';

/** Every few heartbeats the leader sweeps the catalog journal for trades without an order. */
@Injectable()
export class RollForwardJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(RollForwardJob.name);

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly rollForward: RollForwardService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const intervalMs = this.config.heartbeatMs * this.config.replication.sweepEveryHeartbeats;
    schedulePeriodic(this.registry, 'roll-forward-sweep', intervalMs, () => this.rollForward.sweep(), this.logger);
  }
}
