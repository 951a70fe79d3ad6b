import { Injectable } from '@nestjs/common';
import { AppConfig, ReplicaAddress } from '../../config/app-config';

/** Chooses the order replica that leads. For now: the highest configured id. */
@Injectable()
export class LeaderElection {
  constructor(private readonly config: AppConfig) {}

  async leader(): Promise<ReplicaAddress> {
    return this.config.replicas[0];
  }
}
