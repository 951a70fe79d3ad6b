import { ApiProperty } from '@nestjs/swagger';

export class StockQuote {
  @ApiProperty({ example: 'GameStart' }) name!: string;
  @ApiProperty({ example: 15.99 }) price!: number;
  @ApiProperty({ example: 100 }) quantity!: number;
}

export class StockSummary extends StockQuote {
  @ApiProperty({ example: 0 }) volume!: number;
}

export class StockQuoteResponse {
  @ApiProperty({ type: StockQuote }) data!: StockQuote;
}

export class StockListResponse {
  @ApiProperty({ type: [StockSummary] }) data!: StockSummary[];
}
