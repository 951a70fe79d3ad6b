import { Injectable } from '@nestjs/common';
import { AppliedTrade, CatalogStats, StockView, TradeCommand } from '../shared/contracts';
import { IdempotencyConflictError, NotEnoughStockError, StaleEpochError, StockNotFoundError } from '../shared/errors';
import { InvalidationPublisher } from './invalidation-publisher';
import { Stock } from './stock.entity';
import { StockRepository, TradeTransaction } from './stock.repository';
import { TradeEntry } from './trade-entry.entity';
import { applyTradeRule } from './trade-rule';

export function toStockView(stock: Stock): StockView {
  return {
    name: stock.name,
    price: stock.price,
    quantity: stock.quantity,
    volume: stock.volume,
    version: stock.version,
  };
}

type TradeResult =
  | { kind: 'applied'; entry: TradeEntry; stock: Stock; replayed: boolean }
  | { kind: 'not_enough_stock' }
  | { kind: 'stock_not_found' }
  | { kind: 'conflict' }
  | { kind: 'stale_epoch'; fence: number };

@Injectable()
export class CatalogService {
  private lookups = 0;

  constructor(
    private readonly stocks: StockRepository,
    private readonly invalidations: InvalidationPublisher,
  ) {}

  async lookup(name: string): Promise<StockView> {
    this.lookups += 1;
    const stock = await this.stocks.findByName(name);
    if (!stock) throw new StockNotFoundError();
    return toStockView(stock);
  }

  async list(): Promise<StockView[]> {
    return (await this.stocks.findAll()).map(toStockView);
  }

  stats(): CatalogStats {
    return { lookups: this.lookups };
  }

  /**
   * Applies a trade at most once per trade id: the journal entry and the stock change commit
   * together, and a repeated id gets the first outcome back. A new change is pushed to the
   * frontend's cache once committed.
   */
  async trade(command: TradeCommand): Promise<AppliedTrade> {
    const result = await this.stocks.transaction((tx) => this.tradeIn(tx, command));
    switch (result.kind) {
      case 'applied':
        if (!result.replayed) this.invalidations.publish({ name: result.stock.name, version: result.stock.version });
        return {
          tradeId: result.entry.tradeId,
          seq: result.entry.seq ?? 0,
          name: result.entry.name,
          type: result.entry.type,
          quantity: result.entry.quantity,
          stock: toStockView(result.stock),
        };
      case 'not_enough_stock':
        throw new NotEnoughStockError();
      case 'stock_not_found':
        throw new StockNotFoundError();
      case 'conflict':
        throw new IdempotencyConflictError();
      case 'stale_epoch':
        throw StaleEpochError.refusing(command.epoch, result.fence);
    }
  }

  private async tradeIn(tx: TradeTransaction, command: TradeCommand): Promise<TradeResult> {
    const fence = await tx.fenceEpoch();
    if (command.epoch < fence) return { kind: 'stale_epoch', fence };
    const stock = await tx.findStock(command.name);
    const previous = await tx.findEntry(command.tradeId);
    if (previous) return this.replay(previous, command, stock);
    if (!stock) return { kind: 'stock_not_found' };

    const entry = Object.assign(new TradeEntry(), {
      tradeId: command.tradeId,
      name: command.name,
      type: command.type,
      quantity: command.quantity,
    });
    const next = applyTradeRule(stock, command.type, command.quantity);
    if (!next) {
      await tx.save(Object.assign(entry, { outcome: 'not_enough_stock', seq: null }));
      return { kind: 'not_enough_stock' };
    }
    Object.assign(stock, next, { version: stock.version + 1 });
    Object.assign(entry, { outcome: 'applied', seq: await tx.nextSeq() });
    await tx.save(stock, entry);
    return { kind: 'applied', entry, stock, replayed: false };
  }

  private replay(previous: TradeEntry, command: TradeCommand, stock: Stock | null): TradeResult {
    const same =
      previous.name === command.name && previous.type === command.type && previous.quantity === command.quantity;
    if (!same) return { kind: 'conflict' };
    if (previous.outcome === 'not_enough_stock') return { kind: 'not_enough_stock' };
    if (!stock) return { kind: 'stock_not_found' };
    return { kind: 'applied', entry: previous, stock, replayed: true };
  }
}
