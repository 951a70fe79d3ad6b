import { ClusterEvent } from './event-log';
import { TrafficSeries } from './traffic-window';

/** `up`: answers and serves; `catching_up`: a replica still copying what it missed; `down`: no answer. */
export type ProcessHealth = 'up' | 'catching_up' | 'down';

export interface ProcessStatus {
  /** As the launcher names it: frontend, catalog, order-1 … */
  name: string;
  role: 'frontend' | 'catalog' | 'order';
  url: string;
  health: ProcessHealth;
  /** Order replicas only, from the replica's own status (absent while it is down). */
  replica?: {
    id: number;
    leading: boolean;
    epoch: number;
    lastNumber: number;
    commitNumber: number;
    /** Entries behind the leader's log; null while the leader's log is unknown. */
    lag: number | null;
  };
}

export interface CacheStatus {
  enabled: boolean;
  capacity: number;
  hits: number;
  misses: number;
  /** hits / (hits + misses); null before the first lookup. */
  hitRatio: number | null;
  evictions: number;
  invalidations: number;
  /** Most recently used first. */
  entries: { name: string; price: number; quantity: number; version: number }[];
}

/** What `GET /status/cluster` answers; the status page polls it. */
export interface ClusterStatus {
  /** When it was collected (ms since the epoch). */
  at: number;
  /** The leader this frontend sends trades to. */
  leader: { id: number; epoch: number } | null;
  processes: ProcessStatus[];
  cache: CacheStatus;
  traffic: TrafficSeries;
  /** Most recent first. */
  events: ClusterEvent[];
}
