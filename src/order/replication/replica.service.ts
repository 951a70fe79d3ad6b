import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { AppendRequest, AppendResult, LeaderNotice, OrderRecord, ReplicaStatus } from '../../shared/contracts';
import { NotReadyError } from '../../shared/errors';
import { Mutex } from '../../shared/sync/mutex';
import { Clock } from '../../shared/time/clock';
import { OrderLogRepository } from '../log/order-log.repository';
import { LogSync } from './log-sync.service';
import { ReplicaState } from './replica-state';
import { ReplicationService } from './replication.service';
import { RollForwardService } from './roll-forward.service';

/** One order replica's part in the protocol: catch-up on start, leader notices, appends, status. */
@Injectable()
export class ReplicaService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReplicaService.name);
  /** Takeovers run one at a time; notices of the epoch one is running for share it. */
  private readonly takeovers = new Mutex();
  private takingOver: { epoch: number; done: Promise<void> } | null = null;

  constructor(
    private readonly state: ReplicaState,
    private readonly log: OrderLogRepository,
    private readonly sync: LogSync,
    private readonly replication: ReplicationService,
    private readonly rollForward: RollForwardService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Catches up in the background, so that /health can answer 503 meanwhile. */
  onApplicationBootstrap(): void {
    void this.catchUpUntilDone();
  }

  async status(): Promise<ReplicaStatus> {
    const last = await this.log.lastPosition();
    const quorum = this.state.leading && this.replication.hasQuorum();
    return { ...this.state.snapshot(), quorum, lastNumber: last.number, lastEpoch: last.epoch };
  }

  /**
   * A frontend names a leader. If it names us, we take over before answering. Several frontends
   * may name us at once: a notice of the epoch whose takeover is running waits for that one.
   */
  async leaderNotice(notice: LeaderNotice): Promise<ReplicaStatus> {
    await this.state.observe(notice.epoch, notice.leaderId);
    if (notice.leaderId === this.state.id && !this.state.leading) await this.takeOver(notice.epoch);
    return this.status();
  }

  /** Entries from the leader: stored only under its epoch (a newer one is adopted, an older one refused). */
  async append(request: AppendRequest): Promise<AppendResult> {
    if (!this.state.ready) throw NotReadyError.of(`order replica ${this.state.id}`);
    const { epoch, leaderId, prevNumber, prevEpoch, orders, commitNumber } = request;
    const outcome = await this.state.admit(epoch, leaderId, () =>
      this.log.appendAfter({ number: prevNumber, epoch: prevEpoch }, orders),
    );
    if (!outcome.ok) {
      return { ok: false, resendFrom: Math.max(0, Math.min(this.state.commitNumber + 1, prevNumber)) };
    }
    this.state.advanceCommit(Math.min(commitNumber, outcome.lastNumber));
    return outcome;
  }

  entries(after: number, limit: number): Promise<OrderRecord[]> {
    return this.log.after(after, limit);
  }

  private takeOver(epoch: number): Promise<void> {
    if (this.takingOver?.epoch === epoch) return this.takingOver.done;
    const done = this.takeovers.run(async () => {
      // Led already (an earlier notice), or named at a newer epoch since: nothing to do for this one.
      if (this.state.leading || this.state.epoch !== epoch) return;
      await this.lead(epoch);
    });
    const running = { epoch, done };
    this.takingOver = running;
    const forget = () => {
      if (this.takingOver === running) this.takingOver = null;
    };
    done.then(forget, forget);
    return done;
  }

  private async lead(epoch: number): Promise<void> {
    if (!this.state.ready) throw NotReadyError.of(`order replica ${this.state.id}`);
    const uncommittedFrom = await this.sync.takeOver(epoch);
    const leads = await this.state.becomeLeader(epoch, () => this.log.restampAfter(uncommittedFrom - 1, epoch));
    if (!leads) return;
    await this.replication.start(uncommittedFrom);
    const last = await this.log.lastPosition();
    try {
      await this.replication.waitCommitted(last.number);
    } catch (error) {
      this.state.stepDown('could not commit the inherited log');
      throw error;
    }
    this.logger.log(`replica ${this.state.id} serves epoch ${epoch} from order ${last.number + 1} on`);
    // Right away rather than at the first trade, so rolled-forward orders are visible to lookups;
    // if the catalog is down now, the first trade retries it.
    this.rollForward.ensure().catch((error: Error) => this.logger.warn(`roll-forward deferred: ${error.message}`));
  }

  private async catchUpUntilDone(): Promise<void> {
    for (;;) {
      try {
        await this.sync.catchUp();
        this.state.caughtUp();
        return;
      } catch (error) {
        this.logger.warn(`catch-up failed, retrying: ${error instanceof Error ? error.message : String(error)}`);
        await this.clock.sleep(this.config.replication.catchUpRetryMs);
      }
    }
  }
}
