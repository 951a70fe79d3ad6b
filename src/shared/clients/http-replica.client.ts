import { Injectable } from '@nestjs/common';
import { ReplicaAddress } from '../../config/app-config';
import { AppendRequest, AppendResult, LeaderNotice, OrderRecord, ReplicaStatus } from '../contracts';
import { ReplicaUnreachableError, UnreachableError } from '../errors';
import { InternalHttp } from '../http/internal-http';
import { ReplicaClient } from './replica.client';

@Injectable()
export class HttpReplicaClient extends ReplicaClient {
  constructor(private readonly http: InternalHttp) {
    super();
  }

  status(replica: ReplicaAddress, timeoutMs?: number): Promise<ReplicaStatus> {
    return this.call(replica, 'GET', '/internal/replica/status', undefined, timeoutMs);
  }

  announceLeader(replica: ReplicaAddress, notice: LeaderNotice, timeoutMs?: number): Promise<ReplicaStatus> {
    return this.call(replica, 'POST', '/internal/replica/leader', notice, timeoutMs);
  }

  append(replica: ReplicaAddress, request: AppendRequest, timeoutMs?: number): Promise<AppendResult> {
    return this.call(replica, 'POST', '/internal/replica/append', request, timeoutMs);
  }

  entries(replica: ReplicaAddress, after: number, limit: number): Promise<OrderRecord[]> {
    return this.call(replica, 'GET', `/internal/replica/entries?after=${after}&limit=${limit}`);
  }

  private async call<T>(
    replica: ReplicaAddress,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    timeoutMs?: number,
  ): Promise<T> {
    try {
      const url = `${replica.url}${path}`;
      return await this.http.call<T>(`order replica ${replica.id}`, method, url, body, { timeoutMs });
    } catch (error) {
      if (error instanceof UnreachableError) throw new ReplicaUnreachableError(replica.id, error.timedOut);
      throw error;
    }
  }
}
