import { JournalEntry, OrderRecord, RestockEntry, StockView, TradeType } from '../../shared/contracts';
import { ClientSummary, TradeRecord } from './chaos.types';

/** What `GET /orders/{n}` answered through the frontend, or why it could not be read. */
export type OrderAnswer =
  { readonly name: string; readonly type: TradeType; readonly quantity: number } | { readonly error: string };

/** An acknowledged key sent again after the run: it must get the same number back. */
export interface Replay {
  readonly key: string;
  readonly number: number;
  readonly replayed?: number;
  readonly error?: string;
}

export type Readable<T> = T | { readonly unreadable: string };

export interface StockStart {
  readonly name: string;
  readonly quantity: number;
  readonly volume: number;
}

/** Everything the checks look at, read once the cluster has settled. */
export interface ChaosObservations {
  readonly initialStocks: readonly StockStart[];
  readonly trades: readonly TradeRecord[];
  /** The reference log (the leader's). */
  readonly log: readonly OrderRecord[];
  readonly replicaLogs: ReadonlyMap<number, Readable<readonly OrderRecord[]>>;
  readonly journal: Readable<readonly JournalEntry[]>;
  readonly finalStocks: Readable<readonly StockView[]>;
  /** Quantity the catalog added by restocking, outside the order log. */
  readonly restocks: Readable<readonly RestockEntry[]>;
  readonly frontendOrders: ReadonlyMap<number, OrderAnswer>;
  readonly replays: readonly Replay[];
  readonly clients: readonly ClientSummary[];
}

export interface InvariantResult {
  readonly id: number;
  readonly name: string;
  readonly pass: boolean;
  /** One line on what was checked. */
  readonly summary: string;
  /** Every violation found (capped), empty when it passes. */
  readonly violations: readonly string[];
}
