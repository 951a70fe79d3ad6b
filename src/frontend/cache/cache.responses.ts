import { ApiProperty } from '@nestjs/swagger';
import { CacheSnapshot } from './stock-cache.service';

export class CacheStats implements CacheSnapshot {
  @ApiProperty({ example: true }) enabled!: boolean;
  @ApiProperty({ example: 3, description: 'LRU capacity in entries (CACHE_SIZE)' }) capacity!: number;
  @ApiProperty({ example: ['MenhirCo', 'GameStart', 'BoarCo'], description: 'most recently used first' })
  keys!: string[];
  @ApiProperty({ example: 1, description: 'lookups answered from the cache' }) hits!: number;
  @ApiProperty({ example: 4, description: 'lookups that went to the catalog' }) misses!: number;
  @ApiProperty({ example: 1, description: 'entries pushed out to make room' }) evictions!: number;
  @ApiProperty({ example: 0, description: 'entries dropped because their stock changed' }) invalidations!: number;
}

export class CacheStatsResponse {
  @ApiProperty({ type: CacheStats }) data!: CacheStats;
}
