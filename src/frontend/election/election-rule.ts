import { ReplicaStatus } from '../../shared/contracts';

export interface ElectionPlan {
  /** Ready replicas, highest id first: the order in which to try them. */
  candidates: number[];
  /** Greater than every epoch any answering replica has seen. */
  epoch: number;
}

/** The election rule, given the status of every replica that answered. */
export function planElection(statuses: ReplicaStatus[], lastEpoch: number): ElectionPlan {
  const epoch = Math.max(lastEpoch, ...statuses.map((s) => s.epoch)) + 1;
  const candidates = statuses
    .filter((s) => s.ready)
    .map((s) => s.id)
    .sort((a, b) => b - a);
  return { candidates, epoch };
}
