import { readInternal } from '../../../src/cli/inspect/internal-api';
import { OrderRecord } from '../../../src/shared/contracts';
import { TestCluster } from './cluster.harness';
import { logsIdentical, replicaStatus } from './replica-logs';
import { TradeOutcome } from './trading-clients';
import { waitFor } from '../../../src/cli/process/wait-for';

/**
 * Every acknowledged trade (`outcomes`, all of a fresh cluster's trades) holds exactly one number,
 * the numbers are 0…n−1, every replica is ready and holds the same log of exactly those orders,
 * and the catalog's journal has exactly the log's trades. Answers the log.
 */
export async function expectNothingLost(
  cluster: TestCluster,
  outcomes: readonly TradeOutcome[],
  replicas = [1, 2, 3],
): Promise<OrderRecord[]> {
  const numbers = outcomes.map((o) => o.transactionNumber!);
  expect(new Set(numbers).size).toBe(numbers.length);
  expect([...numbers].sort((a, b) => a - b)).toEqual(numbers.map((_, i) => i));
  const log = await waitFor(
    async () => {
      const statuses = await Promise.all(replicas.map((id) => replicaStatus(cluster, id)));
      if (!statuses.every((s) => s.ready)) return undefined;
      const identical = await logsIdentical(cluster, replicas);
      return identical?.length === numbers.length ? identical : undefined;
    },
    { timeoutMs: 15_000, description: 'identical logs holding every acknowledged order' },
  );
  for (const outcome of outcomes) {
    expect(log[outcome.transactionNumber!]).toMatchObject({ name: outcome.name, type: outcome.type, quantity: 1 });
  }
  const journal = await readInternal(cluster.urls.catalog, cluster.token, (api) => api.journal());
  expect(journal.map((entry) => entry.tradeId).sort()).toEqual(log.map((entry) => entry.requestId).sort());
  return log;
}
