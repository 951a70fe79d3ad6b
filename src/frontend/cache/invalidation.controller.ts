import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InternalTokenGuard } from '../../shared/auth/internal-token.guard';
import { DataEnvelope, envelope, INVALIDATION_PATH, InvalidationBatch } from '../../shared/contracts';
import { SchemaPipe } from '../../shared/validation/schema.pipe';
import { invalidationBatchSchema } from './invalidation.schema';
import { StockCacheService } from './stock-cache.service';

/** Where the catalog pushes stock changes; internal, so it needs the token. */
@ApiExcludeController()
@UseGuards(InternalTokenGuard)
@Controller(INVALIDATION_PATH)
export class InvalidationController {
  constructor(private readonly cache: StockCacheService) {}

  /** Answers how many cached entries the push dropped. */
  @Post()
  @HttpCode(200)
  invalidate(
    @Body(new SchemaPipe(invalidationBatchSchema)) batch: InvalidationBatch,
  ): DataEnvelope<{ dropped: number }> {
    const dropped = batch.invalidations.filter(({ name, version }) => this.cache.invalidate(name, version)).length;
    return envelope({ dropped });
  }
}
