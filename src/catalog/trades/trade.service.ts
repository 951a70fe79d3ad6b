import { Injectable } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { AppConfig } from '../../config/app-config';
import { JournalEntry, TradeBatch, TradeOutcome, TradeRequest, TradeType } from '../../shared/contracts';
import {
  DomainError,
  IdempotencyConflictError,
  NotEnoughStockError,
  StaleEpochError,
  StockNotFoundError,
} from '../../shared/errors';
import { toWireError } from '../../shared/http/error-envelope';
import { Batcher, failed, fulfilled, Settled } from '../../shared/sync/batcher';
import { CatalogLedger, LedgerTransaction } from '../ledger/catalog-ledger';
import { JournalEntryRow } from '../ledger/journal-entry.entity';
import { Stock } from '../ledger/stock.entity';
import { InvalidationPublisher } from '../invalidation/invalidation-publisher';
import { applyTradeRule } from './trade-rule';

interface TradeItem {
  epoch: number;
  trade: TradeRequest;
}

/** How the catalog answered one trade: applied now, its first outcome again, or refused. */
export const TRADE_OUTCOME_KINDS = [
  'applied',
  'replayed',
  'not_enough_stock',
  'stock_not_found',
  'stale_epoch',
] as const;
export type TradeOutcomeKind = (typeof TRADE_OUTCOME_KINDS)[number];

/** One committed transaction (group commit) and what its trades came to. */
export interface CommittedBatch {
  size: number;
  seconds: number;
  outcomes: ReadonlyMap<TradeOutcomeKind, number>;
}

export type BatchListener = (batch: CommittedBatch) => void;

interface Decision {
  kind: TradeOutcomeKind;
  settled: Settled<TradeOutcome>;
}

const decided = (kind: TradeOutcomeKind, settled: Settled<TradeOutcome>): Decision => ({ kind, settled });

const refusal = (error: DomainError): TradeOutcome => ({ error: toWireError(error) });

/** An applied trade's row: it has a seq and a type. */
function toJournalEntry({ tradeId, seq, name, type, quantity }: JournalEntryRow): JournalEntry {
  return { tradeId, seq: seq as number, name, type: type as TradeType, quantity };
}

/**
 * Applies trades at most once per trade id: the journal entry and the stock change commit
 * together, and a repeated id gets its first outcome back. Trades that arrive while a batch
 * commits share the next transaction (group commit); each keeps its own outcome. A new change is
 * pushed to the frontend's cache once committed.
 */
@Injectable()
export class TradeService {
  private readonly batches: Batcher<TradeItem, TradeOutcome>;
  private readonly listeners = new Set<BatchListener>();
  private appliedHere = 0;

  constructor(
    private readonly ledger: CatalogLedger,
    private readonly invalidations: InvalidationPublisher,
    config: AppConfig,
  ) {
    this.batches = new Batcher((items) => this.applyAll(items), config.replication.tradeBatch);
  }

  /** One outcome per trade, in order; StaleEpochError for the whole batch when a newer leader fenced us. */
  trade(batch: TradeBatch): Promise<TradeOutcome[]> {
    return Promise.all(this.batches.submitAll(batch.trades.map((trade) => ({ epoch: batch.epoch, trade }))));
  }

  /** Trades this process applied since it started (with several catalogs, its share). */
  get applied(): number {
    return this.appliedHere;
  }

  /** Hears of every committed batch (metrics count trades by outcome there). */
  onBatch(listener: BatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async applyAll(items: readonly TradeItem[]): Promise<Settled<TradeOutcome>[]> {
    const started = performance.now();
    const { decisions, changed } = await this.ledger.transaction(async (tx) => {
      await tx.lockStocks([...new Set(items.map((item) => item.trade.name))]);
      const known = await tx.findEntries(items.map((item) => item.trade.tradeId));
      const changedStocks = new Map<string, Stock>();
      return { decisions: items.map((item) => this.applyOne(tx, item, known, changedStocks)), changed: changedStocks };
    });
    const seconds = (performance.now() - started) / 1000;
    this.appliedHere += decisions.filter((decision) => decision.kind === 'applied').length;
    for (const stock of changed.values()) this.invalidations.publish({ name: stock.name, version: stock.version });
    if (this.listeners.size > 0) this.report(decisions, seconds);
    return decisions.map((decision) => decision.settled);
  }

  private report(decisions: readonly Decision[], seconds: number): void {
    const outcomes = new Map<TradeOutcomeKind, number>();
    for (const { kind } of decisions) outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
    const batch = { size: decisions.length, seconds, outcomes };
    for (const listener of this.listeners) listener(batch);
  }

  private applyOne(
    tx: LedgerTransaction,
    { epoch, trade }: TradeItem,
    known: Map<string, JournalEntryRow>,
    changed: Map<string, Stock>,
  ): Decision {
    if (epoch < tx.fenceEpoch) return decided('stale_epoch', failed(StaleEpochError.refusing(epoch, tx.fenceEpoch)));
    const previous = known.get(trade.tradeId);
    if (previous) return decided('replayed', fulfilled(replay(previous, trade)));
    const stock = tx.findStock(trade.name);
    if (!stock) return decided('stock_not_found', fulfilled(refusal(new StockNotFoundError())));
    const next = applyTradeRule(stock, trade.type, trade.quantity);
    if (!next) {
      known.set(trade.tradeId, tx.refuseTrade(trade));
      return decided('not_enough_stock', fulfilled(refusal(new NotEnoughStockError())));
    }
    const applied = tx.applyTrade(trade, next);
    known.set(trade.tradeId, applied.entry);
    changed.set(applied.stock.name, applied.stock);
    return decided('applied', fulfilled({ applied: toJournalEntry(applied.entry) }));
  }
}

/** The first outcome of a trade id, or a conflict when the id now names a different trade. */
function replay(previous: JournalEntryRow, trade: TradeRequest): TradeOutcome {
  const same =
    previous.kind === 'trade' &&
    previous.name === trade.name &&
    previous.type === trade.type &&
    previous.quantity === trade.quantity;
  if (!same) return refusal(new IdempotencyConflictError());
  if (previous.outcome === 'not_enough_stock') return refusal(new NotEnoughStockError());
  return { applied: toJournalEntry(previous) };
}
