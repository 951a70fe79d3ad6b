import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TradeType } from '../../shared/contracts';

export type JournalKind = 'trade' | 'restock';
export type JournalOutcome = 'applied' | 'not_enough_stock';

/**
 * The catalog's journal: one row per trade id, and one per restock. Inserting an applied row is
 * what changes its stock (a trigger, see the migrations), so the journal and the stocks cannot
 * disagree, and a repeated trade id returns its first outcome instead of trading twice.
 */
@Entity('trade_entry')
export class JournalEntryRow {
  /** The order's request id; `restock:<uuid>` for a restock. */
  @PrimaryColumn('varchar', { name: 'trade_id', length: 128 })
  tradeId!: string;

  /** 1, 2, 3 … over applied trades only (what order logs refer to); null otherwise. */
  @Column('integer', { nullable: true, unique: true })
  seq!: number | null;

  @Column('varchar', { length: 8 })
  kind!: JournalKind;

  @Column('varchar', { length: 64 })
  name!: string;

  /** Null for a restock. */
  @Column('varchar', { length: 4, nullable: true })
  type!: TradeType | null;

  /** Traded, or (restock) added. */
  @Column('integer')
  quantity!: number;

  @Column('varchar', { length: 16 })
  outcome!: JournalOutcome;
}
