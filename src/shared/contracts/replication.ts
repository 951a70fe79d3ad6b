import { OrderRecord } from './order';

/** What an order replica says about itself (`GET /internal/replica/status`). */
export interface ReplicaStatus {
  id: number;
  /** The highest leadership epoch this replica has seen. */
  epoch: number;
  /** Who leads at that epoch, as far as it knows (0: nobody yet). */
  leaderId: number;
  /** Whether it considers itself the serving leader (takeover done, not deposed). */
  leading: boolean;
  /** A leader: whether enough followers answer it to commit. False for a follower. */
  quorum: boolean;
  /** False while it catches up after a start. */
  ready: boolean;
  lastNumber: number;
  /** The epoch of its last entry (-1 when empty): with lastNumber, how up to date its log is. */
  lastEpoch: number;
  /** Every entry up to here is known to be on a majority and never changes. */
  commitNumber: number;
}

/** Frontend → replicas: `leaderId` leads from `epoch` on. */
export interface LeaderNotice {
  leaderId: number;
  epoch: number;
}

/** Leader → follower: entries following (`prevNumber`, `prevEpoch`) in the leader's log. */
export interface AppendRequest {
  epoch: number;
  leaderId: number;
  prevNumber: number;
  prevEpoch: number;
  orders: OrderRecord[];
  commitNumber: number;
}

export type AppendResult =
  | { ok: true; lastNumber: number }
  /** The follower's log does not hold (prevNumber, prevEpoch): resend from here (always ≤ prevNumber). */
  | { ok: false; resendFrom: number };
