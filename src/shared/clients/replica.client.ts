import { ReplicaAddress } from '../../config/app-config';
import { AppendRequest, AppendResult, LeaderNotice, OrderRecord, ReplicaStatus } from '../contracts';

/**
 * Replica administration and replication, used by the frontend (status, leader notice) and by
 * replicas among themselves (append, entries). Unreachable replicas raise ReplicaUnreachableError;
 * a refused epoch raises StaleEpochError.
 */
export abstract class ReplicaClient {
  abstract status(replica: ReplicaAddress, timeoutMs?: number): Promise<ReplicaStatus>;
  abstract announceLeader(replica: ReplicaAddress, notice: LeaderNotice, timeoutMs?: number): Promise<ReplicaStatus>;
  abstract append(replica: ReplicaAddress, request: AppendRequest, timeoutMs?: number): Promise<AppendResult>;
  abstract entries(replica: ReplicaAddress, after: number, limit: number): Promise<OrderRecord[]>;
}
