import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The one row a replica must remember across restarts besides its log. */
@Entity('replica_state')
export class ReplicaStateRow {
  @PrimaryColumn('integer')
  id!: number;

  /** The highest leadership epoch seen: writes from older epochs are refused. */
  @Column('integer')
  epoch!: number;

  @Column('integer', { name: 'leader_id' })
  leaderId!: number;

  /** Entries up to here are on a majority; a lower value is always safe (it only means more re-checking). */
  @Column('integer', { name: 'commit_number' })
  commitNumber!: number;
}
