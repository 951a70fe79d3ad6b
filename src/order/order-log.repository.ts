import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import { OrderRecord } from '../shared/contracts';
import { Order } from './order.entity';

export function toOrderRecord(order: Order): OrderRecord {
  const { number, name, type, quantity, requestId, tradeSeq } = order;
  return { number, name, type, quantity, requestId, tradeSeq };
}

/** The replica's order log in SQLite. */
@Injectable()
export class OrderLogRepository {
  constructor(@InjectRepository(Order) private readonly orders: Repository<Order>) {}

  async findByNumber(number: number): Promise<OrderRecord | null> {
    const order = await this.orders.findOneBy({ number });
    return order && toOrderRecord(order);
  }

  async findByRequestId(requestId: string): Promise<OrderRecord | null> {
    const order = await this.orders.findOneBy({ requestId });
    return order && toOrderRecord(order);
  }

  /** The highest transaction number in the log, or -1 when it is empty. */
  async lastNumber(): Promise<number> {
    const row = await this.orders
      .createQueryBuilder('o')
      .select('MAX(o.number)', 'last')
      .getRawOne<{ last: number | null }>();
    return row?.last ?? -1;
  }

  /** Orders with numbers above `after`, in order, at most `limit`. */
  async after(after: number, limit: number): Promise<OrderRecord[]> {
    const orders = await this.orders.find({ where: { number: MoreThan(after) }, order: { number: 'ASC' }, take: limit });
    return orders.map(toOrderRecord);
  }

  async append(record: OrderRecord): Promise<void> {
    await this.orders.insert(record);
  }
}
