import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppendRequest, AppendResult, LeaderNotice, OrderRecord, ReplicaStatus } from '../../shared/contracts';
import { NotReadyError } from '../../shared/errors';
import { OrderLogRepository } from '../order-log.repository';
import { planAppend } from './log-rules';
import { LogSync } from './log-sync.service';
import { ReplicaState } from './replica-state';
import { ReplicationService } from './replication.service';
import { RollForwardService } from './roll-forward.service';

const CATCH_UP_RETRY_MS = 500;

/** One order replica's part in the protocol: catch-up on start, leader notices, appends, status. */
@Injectable()
export class ReplicaService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReplicaService.name);

  constructor(
    private readonly state: ReplicaState,
    private readonly log: OrderLogRepository,
    private readonly sync: LogSync,
    private readonly replication: ReplicationService,
    private readonly rollForward: RollForwardService,
  ) {}

  /** Catches up in the background, so that /health can answer 503 meanwhile. */
  onApplicationBootstrap(): void {
    void this.catchUpUntilDone();
  }

  async status(): Promise<ReplicaStatus> {
    const last = await this.log.lastPosition();
    const { id, epoch, leaderId, leading, ready, commitNumber } = this.state;
    return { id, epoch, leaderId, leading, ready, commitNumber, lastNumber: last.number, lastEpoch: last.epoch };
  }

  /** The frontend names a leader. If it names us, we take over before answering. */
  async leaderNotice(notice: LeaderNotice): Promise<ReplicaStatus> {
    const deposed = await this.log.exclusive(() => this.state.observe(notice.epoch, notice.leaderId));
    if (deposed) this.replication.stop(`replica ${notice.leaderId} was named leader`);
    if (notice.leaderId === this.state.id && !this.state.leading) await this.lead(notice.epoch);
    return this.status();
  }

  async append(request: AppendRequest): Promise<AppendResult> {
    if (!this.state.ready) throw new NotReadyError(`order replica ${this.state.id}`);
    return this.log.exclusive(async () => {
      if (await this.state.observe(request.epoch, request.leaderId)) this.replication.stop('a newer leader appends');
      const prevEpoch = await this.log.epochAt(request.prevNumber);
      if (prevEpoch !== request.prevEpoch) {
        return { ok: false, resendFrom: Math.max(0, Math.min(this.state.commitNumber + 1, request.prevNumber)) };
      }
      const lastNumber = request.prevNumber + request.orders.length;
      const commit = Math.min(request.commitNumber, lastNumber);
      await this.applyEntries(request.orders, commit > this.state.commitNumber ? commit : undefined);
      if (commit > this.state.commitNumber) this.state.commitNumber = commit;
      return { ok: true, lastNumber };
    });
  }

  entries(after: number, limit: number): Promise<OrderRecord[]> {
    return this.log.after(after, limit);
  }

  private async applyEntries(orders: OrderRecord[], commitNumber?: number): Promise<void> {
    const local = orders.length ? await this.log.range(orders[0].number, orders[orders.length - 1].number) : [];
    await this.log.applyPlan(planAppend(local, orders), commitNumber);
  }

  private async lead(epoch: number): Promise<void> {
    if (!this.state.ready) throw new NotReadyError(`order replica ${this.state.id}`);
    const restampedFrom = await this.sync.takeOver(epoch);
    if (this.state.epoch !== epoch) return;
    this.state.leading = true;
    await this.replication.start(restampedFrom);
    const last = await this.log.lastPosition();
    try {
      await this.replication.waitCommitted(last.number);
    } catch (error) {
      this.replication.stop('could not commit the inherited log');
      throw error;
    }
    this.logger.log(`replica ${this.state.id} leads epoch ${epoch} from order ${last.number + 1} on`);
    // Right away rather than at the first trade, so rolled-forward orders are visible to lookups;
    // if the catalog is down now, the first trade retries it.
    this.rollForward.ensure().catch((error: Error) => this.logger.warn(`roll-forward deferred: ${error.message}`));
  }

  private async catchUpUntilDone(): Promise<void> {
    for (;;) {
      try {
        await this.sync.catchUp();
        this.state.ready = true;
        return;
      } catch (error) {
        this.logger.warn(`catch-up failed, retrying: ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, CATCH_UP_RETRY_MS));
      }
    }
  }
}
