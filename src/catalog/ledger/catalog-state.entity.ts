import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The catalog's one row of bookkeeping beyond stocks and trades. */
@Entity('catalog_state')
export class CatalogStateRow {
  @PrimaryColumn('integer')
  id!: number;

  /** Trades from order leaders of lower epochs are refused: a deposed leader cannot trade. */
  @Column('integer', { name: 'fence_epoch' })
  fenceEpoch!: number;
}
