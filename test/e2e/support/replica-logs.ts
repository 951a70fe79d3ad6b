import { readInternal } from '../../../src/cli/inspect/internal-api';
import { OrderRecord, ReplicaStatus } from '../../../src/shared/contracts';
import { TestCluster } from './cluster.harness';

/** Reads one replica's whole order log over its internal route. */
export async function replicaLog(cluster: TestCluster, id: number): Promise<OrderRecord[]> {
  return readInternal(cluster.urls.replicas[id], cluster.token, (api) => api.replicaLog());
}

export async function replicaStatus(cluster: TestCluster, id: number): Promise<ReplicaStatus> {
  return readInternal(cluster.urls.replicas[id], cluster.token, (api) => api.replicaStatus());
}

/** Whether every listed replica holds exactly the same log, row for row (epochs included). */
export async function logsIdentical(cluster: TestCluster, ids: number[]): Promise<OrderRecord[] | undefined> {
  const logs = await Promise.all(ids.map((id) => replicaLog(cluster, id)));
  const first = JSON.stringify(logs[0]);
  return logs.every((log) => JSON.stringify(log) === first) ? logs[0] : undefined;
}

/** The id of the one replica among `ids` that says it leads; throws unless exactly one does. */
export async function leaderId(cluster: TestCluster, ids = [1, 2, 3]): Promise<number> {
  const statuses = await Promise.all(ids.map((id) => replicaStatus(cluster, id).catch(() => null)));
  const leaders = statuses.filter((s) => s?.leading).map((s) => s!.id);
  if (leaders.length !== 1) throw new Error(`expected one leader, got [${leaders.join(', ')}]`);
  return leaders[0];
}
