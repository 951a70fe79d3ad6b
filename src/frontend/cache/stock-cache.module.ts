import { Module } from '@nestjs/common';
import { InternalTokenGuard } from '../../shared/auth/internal-token.guard';
import { CacheController } from './cache.controller';
import { InvalidationController } from './invalidation.controller';
import { StockCacheService } from './stock-cache.service';

/** The frontend's lookup cache, its stats route and the route the catalog pushes changes to. */
@Module({
  controllers: [CacheController, InvalidationController],
  providers: [StockCacheService, InternalTokenGuard],
  exports: [StockCacheService],
})
export class StockCacheModule {}
