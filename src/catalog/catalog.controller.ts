import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InternalTokenGuard } from '../shared/auth/internal-token.guard';
import { AppliedTrade, DataEnvelope, envelope, StockView } from '../shared/contracts';
import { CatalogService } from './catalog.service';
import { TradeCommandDto } from './trade-command.dto';

/** The catalog's API for the other services; every route needs the internal token. */
@ApiExcludeController()
@UseGuards(InternalTokenGuard)
@Controller('internal')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('stocks')
  async list(): Promise<DataEnvelope<StockView[]>> {
    return envelope(await this.catalog.list());
  }

  @Get('stocks/:name')
  async lookup(@Param('name') name: string): Promise<DataEnvelope<StockView>> {
    return envelope(await this.catalog.lookup(name));
  }

  @Post('trades')
  @HttpCode(200)
  async trade(@Body() command: TradeCommandDto): Promise<DataEnvelope<AppliedTrade>> {
    return envelope(await this.catalog.trade(command));
  }
}
