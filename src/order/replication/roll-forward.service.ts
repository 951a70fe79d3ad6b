import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { CatalogClient } from '../../shared/clients/catalog.client';
import { JournalEntry } from '../../shared/contracts';
import { OrderLogRepository } from '../log/order-log.repository';
import { OrderSequencer } from '../orders/order-sequencer';
import { ReplicaState } from './replica-state';
import { ReplicationService } from './replication.service';

/**
 * A leader can die after the catalog applied a trade and before the order reached a majority.
 * Before its first trade, a new leader fences the catalog at its epoch (so a deposed leader can
 * apply nothing more) and then records every applied trade that no order holds yet. Conservation
 * then holds without anyone retrying, and nothing is half done.
 *
 * A leader that stays alive can also fail between the two steps (its log write fails, say): a
 * periodic sweep records journal entries that were already there at the previous sweep and still
 * have no order. Entries newer than that may be trades still on their way to the log; recording
 * one twice is impossible anyway, since the log keeps one number per request id.
 */
@Injectable()
export class RollForwardService {
  private readonly logger = new Logger(RollForwardService.name);
  private doneForEpoch = -1;
  private running: Promise<void> | null = null;
  /** Every journal seq up to here has its order in the log (it only grows within a leadership). */
  private watermark = 0;
  /** The highest journal seq the previous sweep saw. */
  private sweptUpTo = 0;

  constructor(
    private readonly state: ReplicaState,
    private readonly log: OrderLogRepository,
    private readonly catalog: CatalogClient,
    private readonly sequencer: OrderSequencer,
    private readonly replication: ReplicationService,
    private readonly config: AppConfig,
  ) {}

  /** Resolves once this leadership has rolled forward; concurrent callers share one run. */
  ensure(): Promise<void> {
    if (this.doneForEpoch === this.state.epoch) return Promise.resolve();
    this.running ??= this.run(this.state.epoch).finally(() => (this.running = null));
    return this.running;
  }

  /** The periodic sweep of a leader that has already rolled forward at its takeover. */
  async sweep(): Promise<void> {
    const epoch = this.state.epoch;
    if (!this.state.leading || this.doneForEpoch !== epoch || this.running) return;
    this.sweptUpTo = await this.recordMissing(epoch, this.sweptUpTo);
  }

  private async run(epoch: number): Promise<void> {
    await this.catalog.fence(epoch);
    this.watermark = 0;
    this.sweptUpTo = await this.recordMissing(epoch, Number.POSITIVE_INFINITY);
    if (this.state.epoch === epoch) this.doneForEpoch = epoch;
  }

  /** Records journal entries up to seq `upTo` that have no order; returns the highest seq seen. */
  private async recordMissing(epoch: number, upTo: number): Promise<number> {
    this.watermark = await this.log.tradeSeqWatermark(this.watermark);
    const page = this.config.replication.journalPage;
    let after = this.watermark;
    let highest = after;
    let recorded = 0;
    for (;;) {
      const entries = await this.catalog.journal(after, page);
      if (entries.length === 0) break;
      highest = entries[entries.length - 1].seq;
      recorded += await this.recordAbsent(
        entries.filter((entry) => entry.seq <= upTo),
        epoch,
      );
      if (entries.length < page) break;
      after = highest;
    }
    if (recorded > 0) this.logger.warn(`rolled forward ${recorded} trade(s) the catalog applied without an order`);
    return highest;
  }

  private async recordAbsent(entries: JournalEntry[], epoch: number): Promise<number> {
    if (entries.length === 0) return 0;
    const present = await this.log.tradeSeqsBetween(entries[0].seq, entries[entries.length - 1].seq);
    const absent = entries.filter((entry) => !present.has(entry.seq));
    if (absent.length === 0) return 0;
    const numbers = await this.sequencer.record(absent, epoch);
    const last = Math.max(...numbers.values());
    this.replication.appended(last);
    await this.replication.waitCommitted(last);
    return absent.length;
  }
}
