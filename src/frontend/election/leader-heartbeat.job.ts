import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { schedulePeriodic } from '../../shared/schedule/periodic-task';
import { LeaderElection } from './leader-election.service';

const JOB_NAME = 'leader-heartbeat';

/** Every HEARTBEAT_MS: check the leader (the rule lives in LeaderElection). */
@Injectable()
export class LeaderHeartbeatJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(LeaderHeartbeatJob.name);

  constructor(
    private readonly election: LeaderElection,
    private readonly scheduler: SchedulerRegistry,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    schedulePeriodic(this.scheduler, JOB_NAME, this.config.heartbeatMs, () => this.election.checkLeader(), this.logger);
  }
}
