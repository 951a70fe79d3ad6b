import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TradeType } from '../../shared/contracts';

/** One entry of the order log: transaction number → the trade it records. */
@Entity('order_log')
export class Order {
  @PrimaryColumn('integer')
  number!: number;

  @Column('varchar', { length: 64 })
  name!: string;

  @Column('varchar', { length: 4 })
  type!: TradeType;

  @Column('integer')
  quantity!: number;

  /** The idempotency key this order was placed with; unique across the log. */
  @Column('varchar', { name: 'request_id', length: 128, unique: true })
  requestId!: string;

  /** The catalog journal's sequence number for the trade behind this order. */
  @Column('integer', { name: 'trade_seq', unique: true })
  tradeSeq!: number;

  /** The leadership epoch under which this entry was last written (for log matching). */
  @Column('integer')
  epoch!: number;
}
