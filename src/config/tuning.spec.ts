import { ConfigError } from './config-error';
import {
  BODY_LIMIT_BYTES,
  INVALIDATION_BATCH,
  loadElectionTuning,
  loadReplicationTuning,
  MAX_INVALIDATION_JSON_BYTES,
  MAX_ORDER_RECORD_JSON_BYTES,
  MAX_TRADE_JSON_BYTES,
} from './tuning';

describe('tuning', () => {
  const replication = loadReplicationTuning({});

  it('sizes every fixed batch within the body limit of the role that receives it', () => {
    expect(replication.orderBatch * MAX_TRADE_JSON_BYTES).toBeLessThanOrEqual(BODY_LIMIT_BYTES.order);
    expect(replication.tradeBatch * MAX_TRADE_JSON_BYTES).toBeLessThanOrEqual(BODY_LIMIT_BYTES.catalog);
    expect(replication.appendBatch * MAX_ORDER_RECORD_JSON_BYTES).toBeLessThanOrEqual(BODY_LIMIT_BYTES.order);
    expect(INVALIDATION_BATCH * MAX_INVALIDATION_JSON_BYTES).toBeLessThanOrEqual(BODY_LIMIT_BYTES.frontend);
  });

  it('refuses an append batch that would not fit the body limit', () => {
    expect(() => loadReplicationTuning({ APPEND_BATCH: '2000' })).toThrow(ConfigError);
    expect(loadReplicationTuning({ APPEND_BATCH: '1000' }).appendBatch).toBe(1000);
  });

  it('refuses a failover budget that cannot outlast one commit timeout', () => {
    const slowCommits = loadReplicationTuning({ COMMIT_TIMEOUT_MS: '3000' });
    expect(() => loadElectionTuning({ FAILOVER_BUDGET_MS: '3000' }, slowCommits)).toThrow(
      'FAILOVER_BUDGET_MS must be above COMMIT_TIMEOUT_MS (3000)',
    );
    expect(loadElectionTuning({ FAILOVER_BUDGET_MS: '3001' }, slowCommits).failoverBudgetMs).toBe(3001);
  });

  it('refuses a spare append delay that is not below the commit timeout', () => {
    expect(() => loadReplicationTuning({ COMMIT_TIMEOUT_MS: '150', SPARE_APPEND_DELAY_MS: '150' })).toThrow(
      "SPARE_APPEND_DELAY_MS must be below COMMIT_TIMEOUT_MS (150) (got '150')",
    );
    expect(loadReplicationTuning({ SPARE_APPEND_DELAY_MS: '0' }).spareAppendDelayMs).toBe(0);
  });

  it('shares the peer timeout between replicas and the frontend', () => {
    const custom = loadReplicationTuning({ PEER_TIMEOUT_MS: '300' });
    expect(loadElectionTuning({}, custom).peerTimeoutMs).toBe(300);
  });
});
