import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InternalTokenGuard } from '../shared/auth/internal-token.guard';
import { AppliedTrade, CatalogStats, DataEnvelope, envelope, JournalEntry, StockView } from '../shared/contracts';
import { CatalogService } from './catalog.service';
import { FenceCommandDto, JournalPageQuery } from './journal.dto';
import { TradeCommandDto } from './trade-command.dto';
import { TradeJournalService } from './trade-journal.service';

/** The catalog's API for the other services; every route needs the internal token. */
@ApiExcludeController()
@UseGuards(InternalTokenGuard)
@Controller('internal')
export class CatalogController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly journal: TradeJournalService,
  ) {}

  @Get('stocks')
  async list(): Promise<DataEnvelope<StockView[]>> {
    return envelope(await this.catalog.list());
  }

  @Get('stats')
  stats(): DataEnvelope<CatalogStats> {
    return envelope(this.catalog.stats());
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

  @Post('fence')
  @HttpCode(200)
  async fence(@Body() command: FenceCommandDto): Promise<DataEnvelope<FenceCommandDto>> {
    await this.journal.fence(command.epoch);
    return envelope(command);
  }

  @Get('journal')
  async entries(@Query() page: JournalPageQuery): Promise<DataEnvelope<JournalEntry[]>> {
    return envelope(await this.journal.entriesAfter(page.after, page.limit));
  }
}
