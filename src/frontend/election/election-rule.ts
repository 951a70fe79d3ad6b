import { ReplicaStatus } from '../../shared/contracts';

/** A replica at an epoch. */
export interface EpochLeader {
  id: number;
  epoch: number;
}

export interface ElectionPlan {
  /** A ready replica already leading the newest epoch with a majority: follow it, announce nothing. */
  leader?: EpochLeader;
  /**
   * The replica the newest epoch names as leader, ready but still taking over (another frontend
   * named it): announce that same epoch to it first, which waits for its takeover, rather than
   * outbid it with a new epoch.
   */
  joining?: EpochLeader;
  /** Ready replicas, highest id first: the order in which to try them with a new epoch. */
  candidates: number[];
  /** Greater than every epoch any answering replica has seen, and than `lastEpoch`. */
  epoch: number;
}

/**
 * The election rule, given the status of every replica that answered. Several frontends apply it
 * at once and converge: a healthy leader is followed, a takeover in progress is joined, and only
 * when neither exists is a new epoch announced.
 */
export function planElection(statuses: ReplicaStatus[], lastEpoch: number): ElectionPlan {
  const newest = Math.max(0, ...statuses.map((s) => s.epoch));
  const epoch = Math.max(lastEpoch, newest) + 1;
  const candidates = statuses
    .filter((s) => s.ready)
    .map((s) => s.id)
    .sort((a, b) => b - a);
  const leading = statuses.find((s) => s.ready && s.leading && s.quorum && s.epoch === newest);
  if (leading) return { leader: { id: leading.id, epoch: newest }, candidates, epoch };
  const named = statuses.find((s) => s.epoch === newest && s.leaderId !== 0)?.leaderId;
  const taker = statuses.find((s) => s.id === named && isTakingOver(s, newest));
  return { ...(taker ? { joining: { id: taker.id, epoch: newest } } : {}), candidates, epoch };
}

/** `status` is a ready replica named leader of `epoch` that does not lead yet. */
export function isTakingOver(status: ReplicaStatus, epoch: number): boolean {
  return status.ready && !status.leading && status.leaderId === status.id && status.epoch === epoch;
}
