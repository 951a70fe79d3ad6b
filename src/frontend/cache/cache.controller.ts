import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataEnvelope, envelope } from '../../shared/contracts';
import { CacheStats, CacheStatsResponse } from './cache.responses';
import { StockCacheService } from './stock-cache.service';

@ApiTags('cache')
@Controller('cache')
export class CacheController {
  constructor(private readonly cache: StockCacheService) {}

  @Get()
  @ApiOperation({ summary: 'What the lookup cache holds (most recently used first) and its counters' })
  @ApiOkResponse({ type: CacheStatsResponse })
  stats(): DataEnvelope<CacheStats> {
    return envelope(this.cache.snapshot());
  }
}
