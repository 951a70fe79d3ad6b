import { JournalEntry, TradeType } from '../../shared/contracts';
import { JournalEntryRow } from './journal-entry.entity';
import { Stock } from './stock.entity';

/** A `trade_entry` row as the drivers return it. */
export interface EntryRow {
  trade_id: string;
  seq: number | null;
  kind: JournalEntryRow['kind'];
  name: string;
  type: JournalEntryRow['type'];
  quantity: number;
  outcome: JournalEntryRow['outcome'];
}

/** A `stock` row as the drivers return it. */
export type StockRow = Omit<Stock, 'initialQuantity'> & { initial_quantity: number };

export const ENTRY_COLUMNS = 'trade_id, seq, kind, name, type, quantity, outcome';
export const STOCK_COLUMNS = 'name, price, quantity, volume, initial_quantity, version';
/** Rows per INSERT, within SQLite's limit of bound parameters (7 per row). */
export const INSERT_ROWS = 1000;

export const copyOf = (stock: Stock): Stock => Object.assign(new Stock(), stock);

export function toEntry(row: EntryRow): JournalEntryRow {
  const { trade_id, seq, kind, name, type, quantity, outcome } = row;
  return Object.assign(new JournalEntryRow(), { tradeId: trade_id, seq, kind, name, type, quantity, outcome });
}

export function toStock({ initial_quantity, ...stock }: StockRow): Stock {
  return Object.assign(new Stock(), { ...stock, initialQuantity: initial_quantity });
}

/** The values of one `trade_entry` row, in ENTRY_COLUMNS order. */
export function entryValues(r: JournalEntryRow): unknown[] {
  return [r.tradeId, r.seq, r.kind, r.name, r.type, r.quantity, r.outcome];
}

/** Only trades have a seq, and every trade has a type. */
export function toJournalEntries(
  rows: Pick<EntryRow, 'trade_id' | 'seq' | 'name' | 'type' | 'quantity'>[],
): JournalEntry[] {
  return rows.map(({ trade_id, seq, name, type, quantity }) => ({
    tradeId: trade_id,
    seq: seq as number,
    name,
    type: type as TradeType,
    quantity,
  }));
}
