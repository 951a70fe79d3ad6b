import { Injectable } from '@nestjs/common';
import { ReplicaAddress } from '../../config/app-config';
import { OrderRecord, PlacedOrder, PlaceOrderCommand } from '../contracts';
import {
  IdempotencyConflictError,
  NotEnoughStockError,
  NotLeaderError,
  OrderNotFoundError,
  StockNotFoundError,
  UpstreamUnavailableError,
} from '../errors';
import { InternalHttp, InternalResponse } from '../http/internal-http';
import { OrderClient } from './order.client';

const SERVICE = 'order service';

function unwrap<T>(replica: ReplicaAddress, response: InternalResponse<T>, notFound: () => Error): T {
  if (response.status === 200 && response.data !== undefined) return response.data;
  switch (response.status) {
    case 404:
      throw notFound();
    case 409:
      throw new NotEnoughStockError();
    case 421:
      throw new NotLeaderError(replica.id);
    case 422:
      throw new IdempotencyConflictError();
    default:
      throw new UpstreamUnavailableError(SERVICE);
  }
}

@Injectable()
export class HttpOrderClient extends OrderClient {
  constructor(private readonly http: InternalHttp) {
    super();
  }

  async place(replica: ReplicaAddress, command: PlaceOrderCommand): Promise<PlacedOrder> {
    const response = await this.http.request<PlacedOrder>(SERVICE, 'POST', `${replica.url}/internal/orders`, command);
    return unwrap(replica, response, () => new StockNotFoundError());
  }

  async get(replica: ReplicaAddress, number: number): Promise<OrderRecord> {
    const response = await this.http.request<OrderRecord>(SERVICE, 'GET', `${replica.url}/internal/orders/${number}`);
    return unwrap(replica, response, () => new OrderNotFoundError());
  }
}
