import { IsInt, Min } from 'class-validator';
import { IsStockName, StockInvalidation } from '../../shared/contracts';

export class InvalidationDto implements StockInvalidation {
  @IsStockName()
  name!: string;

  @IsInt({ message: 'version must be a non-negative integer' })
  @Min(0, { message: 'version must be a non-negative integer' })
  version!: number;
}
