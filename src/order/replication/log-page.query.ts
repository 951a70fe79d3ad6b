import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export const MAX_LOG_PAGE = 5000;

export class LogPageQuery {
  @Type(() => Number) @IsInt() @Min(-1) after!: number;
  @Type(() => Number) @IsInt() @Min(1) @Max(MAX_LOG_PAGE) limit!: number;
}
