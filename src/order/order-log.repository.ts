import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, DataSource, EntityManager, MoreThan, MoreThanOrEqual, Repository } from 'typeorm';
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

export function toOrderRecord(order: Order): OrderRecord {
  const { number, name, type, quantity, requestId, tradeSeq, epoch } = order;
  return { number, name, type, quantity, requestId, tradeSeq, epoch };
}

/**
 * The replica's order log and its replication state in SQLite. Writes run one at a time; new
 * orders arriving together share one transaction (group commit).
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

  async findByNumber(number: number): Promise<OrderRecord | null> {
    const order = await this.orders.findOneBy({ number });
    return order && toOrderRecord(order);
  }

  async findByRequestId(requestId: string): Promise<OrderRecord | null> {
    const order = await this.orders.findOneBy({ requestId });
    return order && toOrderRecord(order);
  }

  async lastPosition(): Promise<LogPosition> {
    const order = await this.orders.findOne({ where: {}, order: { number: 'DESC' }, select: ['number', 'epoch'] });
    return order ? { number: order.number, epoch: order.epoch } : EMPTY_POSITION;
  }

  async epochAt(number: number): Promise<number | null> {
    if (number < 0) return -1;
    const order = await this.orders.findOne({ where: { number }, select: ['number', 'epoch'] });
    return order?.epoch ?? null;
  }

  /** Entries with numbers above `after`, ascending, at most `limit`. */
  async after(after: number, limit: number): Promise<OrderRecord[]> {
    const orders = await this.orders.find({ where: { number: MoreThan(after) }, order: { number: 'ASC' }, take: limit });
    return orders.map(toOrderRecord);
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
  async range(first: number, last: number): Promise<OrderRecord[]> {
    const orders = await this.orders.find({ where: { number: Between(first, last) }, order: { number: 'ASC' } });
    return orders.map(toOrderRecord);
  }

  /**
   * Appends the order for `requestId` under the next number, unless the log already has that
   * request; either way returns its number. Group-committed with concurrent appends.
   */
  appendNext(requestId: string, build: (number: number) => OrderRecord): Promise<number> {
    return this.appends.submit(async (manager) => {
      const known = await manager.findOne(Order, { where: { requestId }, select: ['number'] });
      if (known) return known.number;
      const last = await manager.findOne(Order, { where: {}, order: { number: 'DESC' }, select: ['number'] });
      const number = (last?.number ?? -1) + 1;
      await manager.insert(Order, build(number));
      return number;
    });
  }

  /** Call inside `exclusive`: applies a follower's append plan and its new commit point atomically. */
  async applyPlan(plan: AppendPlan, commitNumber?: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const entry of plan.restamp) await manager.update(Order, { number: entry.number }, { epoch: entry.epoch });
      if (plan.truncateFrom !== null) await manager.delete(Order, { number: MoreThanOrEqual(plan.truncateFrom) });
      for (let i = 0; i < plan.insert.length; i += 100) await manager.insert(Order, plan.insert.slice(i, i + 100));
      if (commitNumber !== undefined) await manager.update(ReplicaStateRow, { id: 1 }, { commitNumber });
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
