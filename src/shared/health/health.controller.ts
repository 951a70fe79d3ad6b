import { Controller, Get } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { DataEnvelope, envelope } from '../contracts';
import { Readiness } from './readiness';

@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: Readiness,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async health(): Promise<DataEnvelope<Record<string, unknown>>> {
    const details = await this.readiness.check();
    return envelope({ status: 'ok', role: this.config.role, ...details });
  }
}
