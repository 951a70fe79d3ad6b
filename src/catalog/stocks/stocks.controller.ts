import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { InternalTokenGuard } from '../../shared/auth/internal-token.guard';
import { CatalogStats, DataEnvelope, envelope, StockView, stockNameSchema } from '../../shared/contracts';
import { SchemaPipe } from '../../shared/validation/schema.pipe';
import { record } from '../../shared/validation/schema';
import { TradeService } from '../trades/trade.service';
import { StocksService } from './stocks.service';

const lookupSchema = record({ name: stockNameSchema });

/** Stock lookups for the frontend; every route needs the internal token. */
@UseGuards(InternalTokenGuard)
@Controller('internal')
export class StocksController {
  constructor(
    private readonly stocks: StocksService,
    private readonly trades: TradeService,
  ) {}

  @Get('stocks')
  async list(): Promise<DataEnvelope<StockView[]>> {
    return envelope(await this.stocks.list());
  }

  @Get('stats')
  stats(): DataEnvelope<CatalogStats> {
    return envelope(this.stocks.stats(this.trades.applied));
  }

  @Get('stock')
  async lookup(@Query(new SchemaPipe(lookupSchema)) query: { name: string }): Promise<DataEnvelope<StockView>> {
    return envelope(await this.stocks.lookup(query.name));
  }
}
