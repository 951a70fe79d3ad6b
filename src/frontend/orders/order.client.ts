import { ReplicaAddress } from '../../config/app-config';
import { OrderOutcome, OrderRecord, PlaceOrderCommand } from '../../shared/contracts';

/** An order replica as the frontend sees it. Abstract class = DI token; tests bind fakes. */
export abstract class OrderClient {
  /**
   * Places the orders on `replica`, one outcome each. Throws for the batch as a whole when the
   * replica cannot take it: NotLeaderError, NoQuorumError, ReplicaUnreachableError, … Aborting
   * `signal` gives the call up (ReplicaUnreachableError).
   */
  abstract place(replica: ReplicaAddress, orders: PlaceOrderCommand[], signal?: AbortSignal): Promise<OrderOutcome[]>;
  abstract get(replica: ReplicaAddress, number: number, signal?: AbortSignal): Promise<OrderRecord>;
}
