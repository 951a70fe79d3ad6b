import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('stock')
export class Stock {
  @PrimaryColumn('varchar', { length: 64 })
  name!: string;

  @Column('real')
  price!: number;

  @Column('integer')
  quantity!: number;

  @Column('integer')
  volume!: number;

  /** What the seed gave it; restock refills to this. */
  @Column('integer', { name: 'initial_quantity' })
  initialQuantity!: number;

  /** Grows by one with every change, so caches can tell old values from new ones. */
  @Column('integer')
  version!: number;
}
