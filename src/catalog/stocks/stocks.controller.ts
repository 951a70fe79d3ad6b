import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InternalTokenGuard } from '../../shared/auth/internal-token.guard';
import { CatalogStats, DataEnvelope, envelope, StockView } from '../../shared/contracts';
import { StocksService } from './stocks.service';

/** Stock lookups for the frontend; every route needs the internal token. */
@ApiExcludeController()
@UseGuards(InternalTokenGuard)
@Controller('internal')
export class StocksController {
  constructor(private readonly stocks: StocksService) {}

  @Get('stocks')
  async list(): Promise<DataEnvelope<StockView[]>> {
    return envelope(await this.stocks.list());
  }

  @Get('stats')
  stats(): DataEnvelope<CatalogStats> {
    return envelope(this.stocks.stats());
  }

  @Get('stocks/:name')
  async lookup(@Param('name') name: string): Promise<DataEnvelope<StockView>> {
    return envelope(await this.stocks.lookup(name));
  }
}
