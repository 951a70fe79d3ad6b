import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TradeType } from '../shared/contracts';

export type TradeOutcome = 'applied' | 'not_enough_stock';

/**
 * The trade journal: one row per trade id, written in the same transaction as the stock change,
 * so a repeated trade id returns its first outcome instead of trading twice.
 */
@Entity('trade_entry')
export class TradeEntry {
  @PrimaryColumn('varchar', { name: 'trade_id', length: 128 })
  tradeId!: string;

  /** 1, 2, 3 … over applied trades only; null for a rejected one. */
  @Column('integer', { nullable: true, unique: true })
  seq!: number | null;

  @Column('varchar', { length: 64 })
  name!: string;

  @Column('varchar', { length: 4 })
  type!: TradeType;

  @Column('integer')
  quantity!: number;

  @Column('varchar', { length: 16 })
  outcome!: TradeOutcome;
}
