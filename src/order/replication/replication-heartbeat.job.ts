import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { ReplicationService } from './replication.service';

const JOB_NAME = 'replication-heartbeat';

/** Every HEARTBEAT_MS the leader sends to each follower, so a dead one is noticed before an order needs it. */
@Injectable()
export class ReplicationHeartbeatJob implements OnApplicationBootstrap {
  constructor(
    private readonly replication: ReplicationService,
    private readonly scheduler: SchedulerRegistry,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduler.addInterval(
      JOB_NAME,
      setInterval(() => this.replication.heartbeat(), this.config.heartbeatMs),
    );
  }
}
