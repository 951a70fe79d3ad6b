import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InternalTokenGuard } from '../../shared/auth/internal-token.guard';
import { DataEnvelope, envelope, INVALIDATION_PATH } from '../../shared/contracts';
import { InvalidationDto } from './invalidation.dto';
import { StockCacheService } from './stock-cache.service';

/** Where the catalog pushes stock changes; internal, so it needs the token. */
@ApiExcludeController()
@UseGuards(InternalTokenGuard)
@Controller(INVALIDATION_PATH)
export class InvalidationController {
  constructor(private readonly cache: StockCacheService) {}

  @Post()
  @HttpCode(200)
  invalidate(@Body() invalidation: InvalidationDto): DataEnvelope<{ dropped: boolean }> {
    return envelope({ dropped: this.cache.invalidate(invalidation.name, invalidation.version) });
  }
}
