import { Injectable } from '@nestjs/common';
import { AppConfig, ReplicaAddress } from '../../config/app-config';
import { catalogName, frontendName, replicaName } from '../../config/process-names';
import { ReplicaClient } from '../../shared/clients/replica.client';
import { ReplicaStatus } from '../../shared/contracts';
import { InternalHttp } from '../../shared/http/internal-http';
import { HttpMetrics } from '../../shared/metrics/http-metrics';
import { Clock } from '../../shared/time/clock';
import { StockCacheService } from '../cache/stock-cache.service';
import { ElectionEvent, LeaderElection } from '../election/leader-election.service';
import { CacheStatus, ClusterStatus, ProcessHealth, ProcessStatus } from './cluster-status.types';
import { ClusterEventKind, EventLog } from './event-log';
import { TrafficWindow } from './traffic-window';

function describe(event: ElectionEvent): [ClusterEventKind, string] {
  switch (event.kind) {
    case 'elected':
      return ['election', `replica ${event.leaderId} leads at epoch ${event.epoch}`];
    case 'election-failed':
      return ['election', 'election failed: no replica could lead'];
    case 'heartbeat-failed':
      return ['failover', `leader ${event.leaderId} failed its heartbeat`];
    case 'failover-retry':
      return ['failover', `trades retried on a new leader: replica ${event.failedId} failed`];
  }
}

/**
 * How long one round of probes answers every `GET /status/cluster`. The route is public and a
 * round asks every process, so without it each request would send as many internal ones; the page
 * itself refreshes once a second.
 */
export const PROBE_REUSE_MS = 500;

/**
 * The cluster as the status page shows it: every process's health and every replica's status
 * (probed in parallel with short timeouts, one round shared by the requests of PROBE_REUSE_MS),
 * this frontend's leader and cache, the traffic of the last minute, and recent events (elections and
 * failovers as they happen; processes going down or up as seen by consecutive rounds).
 */
@Injectable()
export class ClusterStatusService {
  private readonly traffic = new TrafficWindow();
  private readonly events = new EventLog();
  private readonly lastHealth = new Map<string, ProcessHealth>();
  private lastRound?: { startedAt: number; processes: Promise<ProcessStatus[]> };

  constructor(
    private readonly config: AppConfig,
    private readonly replicas: ReplicaClient,
    private readonly http: InternalHttp,
    private readonly cache: StockCacheService,
    private readonly election: LeaderElection,
    private readonly clock: Clock,
    metrics: HttpMetrics,
  ) {
    metrics.watch('GET', '/stocks/:name', (_status, seconds) => this.traffic.record('lookup', seconds, clock.now()));
    metrics.watch('POST', '/orders', (status, seconds) => {
      if (status === 200) this.traffic.record('trade', seconds, clock.now());
    });
    election.onEvent((event) => this.events.add(...describe(event), clock.now()));
  }

  async collect(): Promise<ClusterStatus> {
    const processes = await this.probed();
    const leadership = this.election.leadership;
    const now = this.clock.now();
    return {
      at: now,
      leader: leadership ? { id: leadership.replica.id, epoch: leadership.epoch } : null,
      processes,
      cache: this.cacheStatus(),
      traffic: this.traffic.series(now),
      events: this.events.recent(),
    };
  }

  /** The round of probes started less than PROBE_REUSE_MS ago (finished or not), or a new one. */
  private probed(): Promise<ProcessStatus[]> {
    const now = this.clock.now();
    if (this.lastRound && now - this.lastRound.startedAt < PROBE_REUSE_MS) return this.lastRound.processes;
    const processes = this.probeAll();
    this.lastRound = { startedAt: now, processes };
    return processes;
  }

  /** Never rejects: a process that does not answer in time is down. */
  private async probeAll(): Promise<ProcessStatus[]> {
    const timeout = this.config.election.peerTimeoutMs;
    const healthOf = (service: string, url: string): Promise<boolean> =>
      this.http
        .request(service, 'GET', `${url}/health`, undefined, { timeoutMs: timeout })
        .then((reply) => reply.status === 200)
        .catch(() => false);
    const [catalogsUp, frontendsUp, answers] = await Promise.all([
      Promise.all(this.config.catalogUrls.map((url) => healthOf('catalog', url))),
      Promise.all(this.config.frontendUrls.map((url) => healthOf('frontend', url))),
      Promise.all(
        [...this.config.replicas]
          .sort((a, b) => a.id - b.id)
          .map((replica) =>
            this.replicas.status(replica, timeout).then(
              (status): [ReplicaAddress, ReplicaStatus | null] => [replica, status],
              (): [ReplicaAddress, ReplicaStatus | null] => [replica, null],
            ),
          ),
      ),
    ]);
    const leaderId = this.election.leadership?.replica.id;
    const leaderLast = answers.find(([replica]) => replica.id === leaderId)?.[1]?.lastNumber;
    const processes: ProcessStatus[] = [
      ...this.config.frontendUrls.map((url, i) => service(frontendName(i + 1), 'frontend', url, frontendsUp[i])),
      ...this.config.catalogUrls.map((url, i) => service(catalogName(i + 1), 'catalog', url, catalogsUp[i])),
      ...answers.map(([replica, status]) => replicaProcess(replica, status, leaderLast)),
    ];
    const now = this.clock.now();
    for (const process of processes) this.noteHealth(process, now);
    return processes;
  }

  private cacheStatus(): CacheStatus {
    const { enabled, capacity, hits, misses, evictions, invalidations } = this.cache.snapshot();
    const entries = this.cache
      .contents()
      .map(({ name, price, quantity, version }) => ({ name, price, quantity, version }));
    const hitRatio = hits + misses === 0 ? null : hits / (hits + misses);
    return { enabled, capacity, hits, misses, hitRatio, evictions, invalidations, entries };
  }

  private noteHealth({ name, health }: ProcessStatus, now: number): void {
    const before = this.lastHealth.get(name);
    this.lastHealth.set(name, health);
    if (before === undefined || before === health) return;
    if (health === 'down') this.events.add('down', `${name} down`, now);
    else this.events.add('up', health === 'up' ? `${name} up` : `${name} up, catching up`, now);
  }
}

function service(name: string, role: 'frontend' | 'catalog', url: string, up: boolean): ProcessStatus {
  return { name, role, url, health: up ? 'up' : 'down' };
}

function replicaProcess(replica: ReplicaAddress, status: ReplicaStatus | null, leaderLast?: number): ProcessStatus {
  const base = { name: replicaName(replica.id), role: 'order' as const, url: replica.url };
  if (!status) return { ...base, health: 'down' };
  const { id, leading, epoch, lastNumber, commitNumber } = status;
  const lag = leaderLast === undefined ? null : Math.max(0, leaderLast - lastNumber);
  return {
    ...base,
    health: status.ready ? 'up' : 'catching_up',
    replica: { id, leading, epoch, lastNumber, commitNumber, lag },
  };
}
