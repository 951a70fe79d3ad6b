import { Injectable, Logger } from '@nestjs/common';
import { CatalogClient } from '../../shared/clients/catalog.client';
import { OrderLogRepository } from '../order-log.repository';
import { OrderSequencer } from '../order-sequencer';
import { ReplicaState } from './replica-state';
import { ReplicationService } from './replication.service';

export const JOURNAL_PAGE = 1000;

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
  /** The highest journal seq the previous sweep saw. */
  private sweptUpTo = 0;

  constructor(
    private readonly state: ReplicaState,
    private readonly log: OrderLogRepository,
    private readonly catalog: CatalogClient,
    private readonly sequencer: OrderSequencer,
    private readonly replication: ReplicationService,
  ) {}

  /** Resolves once this leadership has rolled forward; concurrent callers share one run. */
  ensure(): Promise<void> {
    if (this.doneForEpoch === this.state.epoch) return Promise.resolve();
    this.running ??= this.run(this.state.epoch).finally(() => (this.running = null));
    return this.running;
  }

  /** The periodic sweep of a leader that has already rolled forward at its takeover. */
  async sweep(): Promise<void> {
    if (!this.state.leading || this.doneForEpoch !== this.state.epoch || this.running) return;
    this.sweptUpTo = await this.recordMissing(this.sweptUpTo);
  }

  private async run(epoch: number): Promise<void> {
    await this.catalog.fence(epoch);
    this.sweptUpTo = await this.recordMissing(Number.POSITIVE_INFINITY);
    if (this.state.epoch === epoch) this.doneForEpoch = epoch;
  }

  /** Records journal entries up to seq `upTo` that have no order; returns the highest seq seen. */
  private async recordMissing(upTo: number): Promise<number> {
    let after = await this.log.tradeSeqWatermark();
    let highest = after;
    let recorded = 0;
    let last = -1;
    for (;;) {
      const page = await this.catalog.journal(after, JOURNAL_PAGE);
      for (const trade of page) {
        highest = trade.seq;
        if (trade.seq > upTo || (await this.log.hasTradeSeq(trade.seq))) continue;
        last = await this.sequencer.record(trade);
        recorded += 1;
      }
      if (page.length < JOURNAL_PAGE) break;
      after = page[page.length - 1].seq;
    }
    if (last >= 0) {
      this.replication.appended(last);
      await this.replication.waitCommitted(last);
      this.logger.warn(`rolled forward ${recorded} trade(s) the catalog applied without an order`);
    }
    return highest;
  }
}
