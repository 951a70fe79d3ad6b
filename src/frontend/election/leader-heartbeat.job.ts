import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { LeaderElection } from './leader-election.service';

const JOB_NAME = 'leader-heartbeat';

/** Every HEARTBEAT_MS: check the leader (the rule lives in LeaderElection). */
@Injectable()
export class LeaderHeartbeatJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LeaderHeartbeatJob.name);
  private busy = false;

  constructor(
    private readonly election: LeaderElection,
    private readonly scheduler: SchedulerRegistry,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduler.addInterval(
      JOB_NAME,
      setInterval(() => void this.beat(), this.config.heartbeatMs),
    );
  }

  onModuleDestroy(): void {
    if (this.scheduler.doesExist('interval', JOB_NAME)) this.scheduler.deleteInterval(JOB_NAME);
  }

  private async beat(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.election.checkLeader();
    } catch (error) {
      this.logger.debug(`no leader yet: ${(error as Error).message}`);
    } finally {
      this.busy = false;
    }
  }
}
