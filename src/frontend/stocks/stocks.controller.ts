import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DataEnvelope, envelope } from '../../shared/contracts';
import { ApiError } from '../api-error.docs';
import { StockListResponse, StockQuote, StockQuoteResponse, StockSummary } from './stock.responses';
import { StocksService } from './stocks.service';

@ApiTags('stocks')
@Controller('stocks')
export class StocksController {
  constructor(private readonly stocks: StocksService) {}

  @Get(':name')
  @ApiOperation({ summary: 'Look up one stock (served from the cache when it holds it)' })
  @ApiParam({ name: 'name', example: 'GameStart' })
  @ApiOkResponse({ type: StockQuoteResponse })
  @ApiError(404, 'stock not found')
  @ApiError(503, 'catalog unavailable, retry later')
  quote(@Param('name') name: string): DataEnvelope<StockQuote> | Promise<DataEnvelope<StockQuote>> {
    const quote = this.stocks.quote(name);
    return quote instanceof Promise ? quote.then(envelope) : envelope(quote);
  }

  @Get()
  @ApiOperation({ summary: 'List every stock with its trading volume' })
  @ApiOkResponse({ type: StockListResponse })
  @ApiError(503, 'catalog unavailable, retry later')
  async list(): Promise<DataEnvelope<StockSummary[]>> {
    return envelope(await this.stocks.list());
  }
}
