import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { InternalTokenGuard } from '../../shared/auth/internal-token.guard';
import {
  DataEnvelope,
  envelope,
  FenceCommand,
  JournalEntry,
  RestockEntry,
  TradeBatch,
  TradeOutcome,
} from '../../shared/contracts';
import { SchemaPipe } from '../../shared/validation/schema.pipe';
import { fenceSchema, journalPageSchema, tradeBatchSchema } from './trade-batch.schema';
import { TradeJournalService } from './trade-journal.service';
import { TradeService } from './trade.service';

/** Trades and the journal, for the order leader; every route needs the internal token. */
@UseGuards(InternalTokenGuard)
@Controller('internal')
export class TradesController {
  constructor(
    private readonly trades: TradeService,
    private readonly journal: TradeJournalService,
  ) {}

  @Post('trades')
  @HttpCode(200)
  async trade(@Body(new SchemaPipe(tradeBatchSchema)) batch: TradeBatch): Promise<DataEnvelope<TradeOutcome[]>> {
    return envelope(await this.trades.trade(batch));
  }

  @Post('fence')
  @HttpCode(200)
  async fence(@Body(new SchemaPipe(fenceSchema)) command: FenceCommand): Promise<DataEnvelope<FenceCommand>> {
    await this.journal.fence(command.epoch);
    return envelope(command);
  }

  @Get('journal')
  async entries(
    @Query(new SchemaPipe(journalPageSchema)) page: { after: number; limit: number },
  ): Promise<DataEnvelope<JournalEntry[]>> {
    return envelope(await this.journal.entriesAfter(page.after, page.limit));
  }

  @Get('restocks')
  async restocks(): Promise<DataEnvelope<RestockEntry[]>> {
    return envelope(await this.journal.restocks());
  }
}
