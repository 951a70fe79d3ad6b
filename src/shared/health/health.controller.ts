import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '../../config/app-config';
import { DataEnvelope, envelope } from '../contracts';
import { Readiness } from './readiness';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: Readiness,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: '200 when this process can serve, 503 otherwise' })
  async health(): Promise<DataEnvelope<Record<string, unknown>>> {
    const details = await this.readiness.check();
    return envelope({ status: 'ok', role: this.config.role, ...details });
  }
}
