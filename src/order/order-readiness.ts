import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Readiness } from '../shared/health/readiness';
import { OrderLogRepository } from './order-log.repository';

@Injectable()
export class OrderReadiness extends Readiness {
  constructor(
    private readonly log: OrderLogRepository,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async check(): Promise<Record<string, unknown>> {
    return { replicaId: this.config.replicaId, lastNumber: await this.log.lastNumber() };
  }
}
