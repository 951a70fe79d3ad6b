import { Injectable } from '@nestjs/common';
import { ReplicaAddress } from '../../config/app-config';
import { OrderBatch, OrderOutcome, OrderRecord, PlaceOrderCommand } from '../../shared/contracts';
import { ReplicaUnreachableError, UnreachableError } from '../../shared/errors';
import { InternalHttp } from '../../shared/http/internal-http';
import { OrderClient } from './order.client';

const SERVICE = 'order service';

@Injectable()
export class HttpOrderClient extends OrderClient {
  constructor(private readonly http: InternalHttp) {
    super();
  }

  place(replica: ReplicaAddress, orders: PlaceOrderCommand[], signal?: AbortSignal): Promise<OrderOutcome[]> {
    const batch: OrderBatch = { orders };
    return this.call(replica, 'POST', '/internal/orders', batch, signal);
  }

  get(replica: ReplicaAddress, number: number, signal?: AbortSignal): Promise<OrderRecord> {
    return this.call(replica, 'GET', `/internal/orders/${number}`, undefined, signal);
  }

  private async call<T>(
    replica: ReplicaAddress,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<T> {
    try {
      return await this.http.call<T>(SERVICE, method, `${replica.url}${path}`, body, { signal });
    } catch (error) {
      if (error instanceof UnreachableError) throw new ReplicaUnreachableError(replica.id, error.timedOut);
      throw error;
    }
  }
}
