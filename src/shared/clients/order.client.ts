import { ReplicaAddress } from '../../config/app-config';
import { OrderRecord, PlacedOrder, PlaceOrderCommand } from '../contracts';

/** An order replica as the frontend sees it. Abstract class = DI token; tests bind fakes. */
export abstract class OrderClient {
  /** Throws NotLeaderError when the replica does not lead, UpstreamUnavailableError when unreachable. */
  abstract place(replica: ReplicaAddress, command: PlaceOrderCommand): Promise<PlacedOrder>;
  abstract get(replica: ReplicaAddress, number: number): Promise<OrderRecord>;
}
