import { Injectable } from '@nestjs/common';
import { ReplicaAddress } from '../../config/app-config';
import { AppendRequest, AppendResult, LeaderNotice, OrderRecord, ReplicaStatus } from '../contracts';
import {
  NoQuorumError,
  NotReadyError,
  ReplicaUnreachableError,
  StaleEpochError,
  UpstreamUnavailableError,
} from '../errors';
import { InternalHttp, InternalResponse } from '../http/internal-http';
import { ReplicaClient } from './replica.client';

@Injectable()
export class HttpReplicaClient extends ReplicaClient {
  constructor(private readonly http: InternalHttp) {
    super();
  }

  async status(replica: ReplicaAddress, timeoutMs?: number): Promise<ReplicaStatus> {
    return this.call<ReplicaStatus>(replica, 'GET', '/internal/replica/status', undefined, timeoutMs);
  }

  async announceLeader(replica: ReplicaAddress, notice: LeaderNotice): Promise<ReplicaStatus> {
    return this.call<ReplicaStatus>(replica, 'POST', '/internal/replica/leader', notice);
  }

  async append(replica: ReplicaAddress, request: AppendRequest): Promise<AppendResult> {
    return this.call<AppendResult>(replica, 'POST', '/internal/replica/append', request);
  }

  async entries(replica: ReplicaAddress, after: number, limit: number): Promise<OrderRecord[]> {
    return this.call<OrderRecord[]>(replica, 'GET', `/internal/replica/entries?after=${after}&limit=${limit}`);
  }

  private async call<T>(
    replica: ReplicaAddress,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    timeoutMs?: number,
  ): Promise<T> {
    let response: InternalResponse<T>;
    try {
      response = await this.http.request<T>('order replica', method, `${replica.url}${path}`, body, timeoutMs);
    } catch (error) {
      throw new ReplicaUnreachableError(replica.id, error instanceof UpstreamUnavailableError && error.timedOut);
    }
    if (response.status === 200 && response.data !== undefined) return response.data;
    if (response.status === 412) throw new StaleEpochError(response.message);
    if (response.status === 503 && response.message.includes('majority')) throw new NoQuorumError();
    if (response.status === 503) throw new NotReadyError(`order replica ${replica.id}`);
    throw new UpstreamUnavailableError(`order replica ${replica.id} (status ${response.status})`);
  }
}
