import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, MoreThan, Repository } from 'typeorm';
import { OrderRecord } from '../shared/contracts';
import { GroupCommit } from '../shared/sync/group-commit';
import { Mutex } from '../shared/sync/mutex';
import { Order } from './order.entity';
import { ReplicaStateRow } from './replica-state.entity';
import { AppendPlan } from './replication/log-rules';

export interface PersistedState {
  epoch: number;
  leaderId: number;
  commitNumber: number;
}

export interface LogPosition {
  number: number;
  epoch: number;
}

export const EMPTY_POSITION: LogPosition = { number: -1, epoch: -1 };

interface OrderRow {
  number: number;
  name: string;
  type: OrderRecord['type'];
  quantity: number;
  request_id: string;
  trade_seq: number;
  epoch: number;
}

const COLUMNS = 'number, name, type, quantity, request_id, trade_seq, epoch';

function toOrderRecord(row: OrderRow): OrderRecord {
  const { number, name, type, quantity, request_id, trade_seq, epoch } = row;
  return { number, name, type, quantity, requestId: request_id, tradeSeq: trade_seq, epoch };
}

/** Multi-row INSERT statements, each within SQLite's limit of bound parameters. */
async function insertOrders(manager: EntityManager, records: OrderRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += 100) {
    const chunk = records.slice(i, i + 100);
    const values = chunk.flatMap((r) => [r.number, r.name, r.type, r.quantity, r.requestId, r.tradeSeq, r.epoch]);
    const rows = chunk.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ');
    await manager.query(`INSERT INTO order_log (${COLUMNS}) VALUES ${rows}`, values);
  }
}

/**
 * The replica's order log and its replication state in SQLite. Writes run one at a time; new
 * orders arriving together share one transaction (group commit). The hot paths use plain SQL:
 * there TypeORM's per-call overhead cost more than SQLite itself.
 */
@Injectable()
export class OrderLogRepository {
  private readonly writes = new Mutex();
  private readonly appends: GroupCommit<EntityManager>;

  constructor(
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    private readonly dataSource: DataSource,
  ) {
    this.appends = new GroupCommit((body) => this.exclusive(() => this.dataSource.transaction(body)));
  }

  /** Runs `work` after every earlier write has finished and before any later one starts. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.writes.run(work);
  }

  private async select(sql: string, parameters: unknown[]): Promise<OrderRecord[]> {
    return (await this.dataSource.query<OrderRow[]>(`SELECT ${COLUMNS} FROM order_log ${sql}`, parameters)).map(
      toOrderRecord,
    );
  }

  async findByNumber(number: number): Promise<OrderRecord | null> {
    return (await this.select('WHERE number = ?', [number]))[0] ?? null;
  }

  async findByRequestId(requestId: string): Promise<OrderRecord | null> {
    return (await this.select('WHERE request_id = ?', [requestId]))[0] ?? null;
  }

  async lastPosition(): Promise<LogPosition> {
    const [last] = await this.select('ORDER BY number DESC LIMIT 1', []);
    return last ? { number: last.number, epoch: last.epoch } : EMPTY_POSITION;
  }

  async epochAt(number: number): Promise<number | null> {
    if (number < 0) return -1;
    return (await this.findByNumber(number))?.epoch ?? null;
  }

  /** Entries with numbers above `after`, ascending, at most `limit`. */
  after(after: number, limit: number): Promise<OrderRecord[]> {
    return this.select('WHERE number > ? ORDER BY number LIMIT ?', [after, limit]);
  }

  async hasTradeSeq(tradeSeq: number): Promise<boolean> {
    return this.orders.existsBy({ tradeSeq });
  }

  /** The highest catalog trade seq s such that every seq from 1 to s has its order here (0 if none). */
  async tradeSeqWatermark(): Promise<number> {
    if (!(await this.hasTradeSeq(1))) return 0;
    const row = await this.orders
      .createQueryBuilder('o')
      .select('MIN(o.trade_seq)', 'watermark')
      .where('NOT EXISTS (SELECT 1 FROM order_log n WHERE n.trade_seq = o.trade_seq + 1)')
      .getRawOne<{ watermark: number }>();
    return row?.watermark ?? 0;
  }

  /** Entries numbered from `first` to `last`, ascending. */
  range(first: number, last: number): Promise<OrderRecord[]> {
    return this.select('WHERE number BETWEEN ? AND ? ORDER BY number', [first, last]);
  }

  /**
   * Appends the order for `requestId` under the next number, unless the log already has that
   * request; either way returns its number. Group-committed with concurrent appends.
   */
  appendNext(requestId: string, build: (number: number) => OrderRecord): Promise<number> {
    return this.appends.submit(async (manager) => {
      const [known] = await manager.query<{ number: number }[]>('SELECT number FROM order_log WHERE request_id = ?', [
        requestId,
      ]);
      if (known) return known.number;
      const [last] = await manager.query<{ last: number | null }[]>('SELECT MAX(number) AS last FROM order_log');
      const number = (last?.last ?? -1) + 1;
      await insertOrders(manager, [build(number)]);
      return number;
    });
  }

  /** Call inside `exclusive`: applies a follower's append plan and its new commit point atomically. */
  async applyPlan(plan: AppendPlan, commitNumber?: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const entry of plan.restamp) {
        await manager.query('UPDATE order_log SET epoch = ? WHERE number = ?', [entry.epoch, entry.number]);
      }
      if (plan.truncateFrom !== null) {
        await manager.query('DELETE FROM order_log WHERE number >= ?', [plan.truncateFrom]);
      }
      await insertOrders(manager, plan.insert);
      if (commitNumber !== undefined) {
        await manager.query('UPDATE replica_state SET commit_number = ? WHERE id = 1', [commitNumber]);
      }
    });
  }

  /** Call inside `exclusive`: stamps every entry after `number` with `epoch` (a new leader's takeover). */
  async restampAfter(number: number, epoch: number): Promise<void> {
    await this.orders.update({ number: MoreThan(number) }, { epoch });
  }

  async loadState(): Promise<PersistedState> {
    const row = await this.dataSource.getRepository(ReplicaStateRow).findOneByOrFail({ id: 1 });
    return { epoch: row.epoch, leaderId: row.leaderId, commitNumber: row.commitNumber };
  }

  async saveState(state: Partial<PersistedState>): Promise<void> {
    await this.dataSource.getRepository(ReplicaStateRow).update({ id: 1 }, state);
  }
}
