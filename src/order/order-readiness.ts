import { Injectable } from '@nestjs/common';
import { NotReadyError } from '../shared/errors';
import { Readiness } from '../shared/health/readiness';
import { ReplicaState } from './replication/replica-state';

/** A replica serves once it has caught up with its peers after starting. */
@Injectable()
export class OrderReadiness extends Readiness {
  constructor(private readonly state: ReplicaState) {
    super();
  }

  async check(): Promise<Record<string, unknown>> {
    if (!this.state.ready) throw NotReadyError.of(`order replica ${this.state.id}`);
    return { replicaId: this.state.id, epoch: this.state.epoch, leading: this.state.leading };
  }
}
