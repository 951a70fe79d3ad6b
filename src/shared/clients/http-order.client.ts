import { Injectable } from '@nestjs/common';
import { ReplicaAddress } from '../../config/app-config';
import { OrderRecord, PlacedOrder, PlaceOrderCommand } from '../contracts';
import {
  IdempotencyConflictError,
  NoQuorumError,
  NotEnoughStockError,
  NotLeaderError,
  OrderNotFoundError,
  ReplicaUnreachableError,
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
    case 503:
      throw response.message.includes('majority') ? new NoQuorumError() : new UpstreamUnavailableError(SERVICE);
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
    const response = await this.call<PlacedOrder>(replica, 'POST', '/internal/orders', command);
    return unwrap(replica, response, () => new StockNotFoundError());
  }

  async get(replica: ReplicaAddress, number: number): Promise<OrderRecord> {
    const response = await this.call<OrderRecord>(replica, 'GET', `/internal/orders/${number}`);
    return unwrap(replica, response, () => new OrderNotFoundError());
  }

  private async call<T>(replica: ReplicaAddress, method: 'GET' | 'POST', path: string, body?: unknown) {
    try {
      return await this.http.request<T>(SERVICE, method, `${replica.url}${path}`, body);
    } catch (error) {
      throw new ReplicaUnreachableError(replica.id, error instanceof UpstreamUnavailableError && error.timedOut);
    }
  }
}
