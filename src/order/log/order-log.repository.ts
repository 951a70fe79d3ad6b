import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { JournalEntry, OrderRecord } from '../../shared/contracts';
import { PREPARED_MAX_ROWS, PreparedStatements } from '../../shared/database/prepared-statements';
import { isUniqueViolation } from '../../shared/database/sqlite-errors';
import { Mutex } from '../../shared/sync/mutex';
import { AppendPlan, planAppend } from '../replication/log-rules';
import { EMPTY_POSITION, LogPosition } from './log-position';
import { RecentEntries } from './recent-entries';

export interface PersistedState {
  epoch: number;
  leaderId: number;
  commitNumber: number;
}

/** A follower's append: applied up to `lastNumber`, or refused because the entry it follows is not ours. */
export type AppendOutcome = { ok: true; lastNumber: number } | { ok: false };

interface OrderRow {
  number: number;
  name: string;
  type: OrderRecord['type'];
  quantity: number;
  request_id: string;
  trade_seq: number;
  epoch: number;
}

const COLUMNS = 'number, name, type, quantity, request_id, trade_seq, epoch';
/** Rows per INSERT statement, within SQLite's limit of bound parameters (7 per row). */
const INSERT_ROWS = 1000;
/** How many of the newest entries stay in memory (a few append batches). */
const RECENT_ENTRIES = 2048;

function toOrderRecord(row: OrderRow): OrderRecord {
  const { number, name, type, quantity, request_id, trade_seq, epoch } = row;
  return { number, name, type, quantity, requestId: request_id, tradeSeq: trade_seq, epoch };
}

/**
 * The replica's order log and its replication state in SQLite. Every statement runs under the
 * repository's own lock, one at a time on TypeORM's single connection, so no caller can forget
 * it and no read sees a transaction half done. The common writes are one statement each (a
 * multi-row INSERT commits atomically by itself), and the newest entries are also kept in memory.
 */
@Injectable()
export class OrderLogRepository implements OnModuleDestroy {
  private readonly lock = new Mutex();
  private readonly recent = new RecentEntries(RECENT_ENTRIES);
  private last: LogPosition = EMPTY_POSITION;
  private db?: QueryRunner;
  private readonly prepared: PreparedStatements;

  constructor(private readonly dataSource: DataSource) {
    this.prepared = new PreparedStatements(dataSource);
  }

  async onModuleDestroy(): Promise<void> {
    await this.lock.run(() => this.prepared.finalize());
    await this.db?.release();
  }

  async lastPosition(): Promise<LogPosition> {
    return this.locked(async () => this.last);
  }

  async findByNumber(number: number): Promise<OrderRecord | null> {
    return this.locked(
      async () => this.recent.get(number) ?? (await this.select('WHERE number = ?', [number]))[0] ?? null,
    );
  }

  /** The epoch of entry `number`: -1 before the first entry, null when there is no such entry. */
  async epochAt(number: number): Promise<number | null> {
    return this.locked(() => this.epochOf(number));
  }

  /** Entries with numbers above `after`, ascending, at most `limit`. */
  async after(after: number, limit: number): Promise<OrderRecord[]> {
    return this.locked(() => this.entriesAfter(after, limit));
  }

  /** Which of the catalog trade seqs from `first` to `last` have their order here. */
  async tradeSeqsBetween(first: number, last: number): Promise<Set<number>> {
    return this.locked(async () => {
      const rows = await this.query<{ seq: number }>(
        'SELECT trade_seq AS seq FROM order_log WHERE trade_seq BETWEEN ? AND ?',
        [first, last],
      );
      return new Set(rows.map((row) => row.seq));
    });
  }

  /**
   * The highest catalog trade seq s such that every seq from 1 to s has its order here (0 if
   * none), found at or above `atLeast` (a watermark known before: it never goes down).
   */
  async tradeSeqWatermark(atLeast = 0): Promise<number> {
    return this.locked(async () => {
      const [top] = await this.query<{ seq: number | null }>('SELECT MAX(trade_seq) AS seq FROM order_log', []);
      // Orders are numbered 0…last without gaps and their seqs are distinct: when the highest seq
      // equals their count, every seq below it is there (the usual case, answered from the index).
      if ((top?.seq ?? 0) === this.last.number + 1) return this.last.number + 1;
      const rows = await this.query<{ seq: number }>(
        'SELECT trade_seq AS seq FROM order_log WHERE trade_seq > ? ORDER BY trade_seq',
        [atLeast],
      );
      let watermark = atLeast;
      for (const { seq } of rows) {
        if (seq !== watermark + 1) break;
        watermark = seq;
      }
      return watermark;
    });
  }

  /**
   * The leader's write: gives each applied trade the next number, unless the log already holds
   * its request id; answers every trade's number. `epoch` stamps the new entries.
   */
  async appendTrades(trades: readonly JournalEntry[], epoch: number): Promise<Map<string, number>> {
    return this.locked(async () => {
      // Retries of just-recorded trades are found in memory; an older request id makes the
      // one-statement INSERT fail on its unique index, and then the log is asked.
      const known = new Map<string, number>();
      for (const { tradeId } of trades) {
        const number = this.recent.numberOf(tradeId);
        if (number !== undefined) known.set(tradeId, number);
      }
      try {
        return await this.appendUnknown(trades, epoch, known);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return this.appendUnknown(trades, epoch, await this.numbersOf(trades.map((trade) => trade.tradeId)));
      }
    });
  }

  /**
   * A follower's write: `entries` (consecutive) follow `prev` in the leader's log. Refused when we
   * do not hold `prev`; otherwise entries we hold with equal content stay (re-stamped if needed)
   * and the first different one starts a stale tail, which is replaced.
   */
  async appendAfter(prev: LogPosition, entries: readonly OrderRecord[]): Promise<AppendOutcome> {
    return this.locked(async () => {
      if ((await this.epochOf(prev.number)) !== prev.epoch) return { ok: false };
      const lastNumber = prev.number + entries.length;
      if (entries.length === 0) return { ok: true, lastNumber };
      if (entries[0].number > this.last.number) await this.insert(entries);
      else await this.apply(planAppend(await this.range(entries[0].number, this.last.number), entries));
      return { ok: true, lastNumber };
    });
  }

  /**
   * Makes our log equal a peer's from `after` on (`entries`: everything the peer holds after it),
   * dropping a longer tail of ours. Returns how many entries it wrote (copied or re-stamped).
   */
  async adoptAfter(after: number, entries: readonly OrderRecord[]): Promise<number> {
    return this.locked(async () => {
      const plan = planAppend(await this.range(after + 1, this.last.number), entries);
      const peerLast = entries.at(-1)?.number ?? after;
      if (plan.truncateFrom === null && this.last.number > peerLast) plan.truncateFrom = peerLast + 1;
      await this.apply(plan);
      return plan.restamp.length + plan.insert.length;
    });
  }

  /** Stamps every entry after `number` with `epoch` (a new leader's takeover). */
  async restampAfter(number: number, epoch: number): Promise<void> {
    await this.locked(async () => {
      await this.query('UPDATE order_log SET epoch = ? WHERE number > ?', [epoch, number]);
      this.recent.restampAfter(number, epoch);
      if (this.last.number > number) this.last = { number: this.last.number, epoch };
    });
  }

  async loadState(): Promise<PersistedState> {
    return this.locked(async () => {
      const [row] = await this.query<{ epoch: number; leader_id: number; commit_number: number }>(
        'SELECT epoch, leader_id, commit_number FROM replica_state WHERE id = 1',
        [],
      );
      return { epoch: row.epoch, leaderId: row.leader_id, commitNumber: row.commit_number };
    });
  }

  async saveLeadership(epoch: number, leaderId: number): Promise<void> {
    await this.locked(() =>
      this.query('UPDATE replica_state SET epoch = ?, leader_id = ? WHERE id = 1', [epoch, leaderId]),
    );
  }

  async saveCommitNumber(commitNumber: number): Promise<void> {
    await this.locked(() => this.query('UPDATE replica_state SET commit_number = ? WHERE id = 1', [commitNumber]));
  }

  // Everything below runs with the lock held.

  private locked<T>(work: () => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      if (!this.db) await this.open();
      return work();
    });
  }

  private async open(): Promise<void> {
    this.db = this.dataSource.createQueryRunner();
    const [last] = await this.select('ORDER BY number DESC LIMIT 1', []);
    this.last = last ? { number: last.number, epoch: last.epoch } : EMPTY_POSITION;
    const newest = await this.select('WHERE number > ? ORDER BY number', [this.last.number - RECENT_ENTRIES]);
    this.recent.reset(newest, this.last.number + 1);
  }

  private query<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    return this.db!.query(sql, parameters) as Promise<T[]>;
  }

  private async select(where: string, parameters: unknown[]): Promise<OrderRecord[]> {
    return (await this.query<OrderRow>(`SELECT ${COLUMNS} FROM order_log ${where}`, parameters)).map(toOrderRecord);
  }

  private async epochOf(number: number): Promise<number | null> {
    if (number < 0) return -1;
    if (number === this.last.number) return this.last.epoch;
    return (this.recent.get(number) ?? (await this.select('WHERE number = ?', [number]))[0])?.epoch ?? null;
  }

  private async entriesAfter(after: number, limit: number): Promise<OrderRecord[]> {
    return this.recent.after(after, limit) ?? this.select('WHERE number > ? ORDER BY number LIMIT ?', [after, limit]);
  }

  private range(first: number, last: number): Promise<OrderRecord[]> {
    return this.entriesAfter(first - 1, Math.max(0, last - first + 1));
  }

  /** Gives each trade not in `known` the next number, writes those entries, and answers every trade's number. */
  private async appendUnknown(
    trades: readonly JournalEntry[],
    epoch: number,
    known: Map<string, number>,
  ): Promise<Map<string, number>> {
    const numbers = new Map(known);
    const records: OrderRecord[] = [];
    for (const { tradeId, seq, name, type, quantity } of trades) {
      if (numbers.has(tradeId)) continue;
      const number = this.last.number + 1 + records.length;
      numbers.set(tradeId, number);
      records.push({ number, name, type, quantity, requestId: tradeId, tradeSeq: seq, epoch });
    }
    await this.insert(records);
    return numbers;
  }

  private async numbersOf(requestIds: readonly string[]): Promise<Map<string, number>> {
    const unique = [...new Set(requestIds)];
    if (unique.length === 0) return new Map();
    const rows = await this.query<{ request_id: string; number: number }>(
      `SELECT request_id, number FROM order_log WHERE request_id IN (${unique.map(() => '?').join(', ')})`,
      unique,
    );
    return new Map(rows.map((row) => [row.request_id, row.number]));
  }

  /** Appends consecutive entries after the last one: one statement (per 1,000 rows), no transaction needed. */
  private async insert(records: readonly OrderRecord[]): Promise<void> {
    if (records.length === 0) return;
    if (records.length <= INSERT_ROWS) await this.insertRows(records);
    else await this.inTransaction(() => this.insertRows(records));
    this.recent.append(records);
    const newest = records[records.length - 1];
    this.last = { number: newest.number, epoch: newest.epoch };
  }

  private async insertRows(records: readonly OrderRecord[]): Promise<void> {
    for (let i = 0; i < records.length; i += INSERT_ROWS) {
      const chunk = records.slice(i, i + INSERT_ROWS);
      const values = chunk.flatMap((r) => [r.number, r.name, r.type, r.quantity, r.requestId, r.tradeSeq, r.epoch]);
      const sql = `INSERT INTO order_log (${COLUMNS}) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`;
      await (chunk.length <= PREPARED_MAX_ROWS ? this.prepared.run(sql, values) : this.query(sql, values));
    }
  }

  /** Applies a plan of log-rules in one transaction (the rare path: a stale tail or re-stamps). */
  private async apply(plan: AppendPlan): Promise<void> {
    if (plan.restamp.length === 0 && plan.truncateFrom === null && plan.insert.length === 0) return;
    await this.inTransaction(async () => {
      for (const entry of plan.restamp) {
        await this.query('UPDATE order_log SET epoch = ? WHERE number = ?', [entry.epoch, entry.number]);
      }
      if (plan.truncateFrom !== null) await this.query('DELETE FROM order_log WHERE number >= ?', [plan.truncateFrom]);
      await this.insertRows(plan.insert);
    });
    this.recent.restamp(plan.restamp);
    if (plan.truncateFrom !== null) {
      this.recent.truncateFrom(plan.truncateFrom);
      this.last = plan.truncateFrom > 0 ? await this.positionOf(plan.truncateFrom - 1) : EMPTY_POSITION;
    }
    const restampedLast = plan.restamp.find((entry) => entry.number === this.last.number);
    if (restampedLast) this.last = { number: restampedLast.number, epoch: restampedLast.epoch };
    if (plan.insert.length > 0) {
      this.recent.append(plan.insert);
      const newest = plan.insert[plan.insert.length - 1];
      this.last = { number: newest.number, epoch: newest.epoch };
    }
  }

  private async positionOf(number: number): Promise<LogPosition> {
    const epoch = await this.epochOf(number);
    return epoch === null ? EMPTY_POSITION : { number, epoch };
  }

  private async inTransaction(work: () => Promise<void>): Promise<void> {
    await this.db!.startTransaction();
    try {
      await work();
      await this.db!.commitTransaction();
    } catch (error) {
      await this.db!.rollbackTransaction();
      throw error;
    }
  }
}
