import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { FenceCommand } from '../shared/contracts';

export const MAX_JOURNAL_PAGE = 1000;

export class FenceCommandDto implements FenceCommand {
  @IsInt() @Min(1) epoch!: number;
}

export class JournalPageQuery {
  @Type(() => Number) @IsInt() @Min(0) after!: number;
  @Type(() => Number) @IsInt() @Min(1) @Max(MAX_JOURNAL_PAGE) limit!: number;
}
