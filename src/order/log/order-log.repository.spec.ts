import { entry } from '../../../test/fakes/fake-replica-client';
import { OrderDatabase, orderDatabase } from '../../../test/fixtures/order-database';
import { JournalEntry } from '../../shared/contracts';
import { OrderLogRepository } from './order-log.repository';

const trade = (tradeId: string, seq: number): JournalEntry => ({
  tradeId,
  seq,
  name: 'FishCo',
  type: 'sell',
  quantity: 2,
});

describe(OrderLogRepository.name, () => {
  let db: OrderDatabase;
  let sut: OrderLogRepository;

  beforeEach(async () => {
    db = await orderDatabase();
    sut = db.log;
  });

  afterEach(() => db.close());

  describe('appendTrades (the leader)', () => {
    it('numbers new trades consecutively from 0 and stamps them with the epoch', async () => {
      const numbers = await sut.appendTrades([trade('a', 1), trade('b', 2)], 4);
      expect([...numbers]).toEqual([
        ['a', 0],
        ['b', 1],
      ]);
      expect(await sut.lastPosition()).toEqual({ number: 1, epoch: 4 });
      expect(await db.reopen().after(-1, 10)).toEqual([
        { number: 0, name: 'FishCo', type: 'sell', quantity: 2, requestId: 'a', tradeSeq: 1, epoch: 4 },
        { number: 1, name: 'FishCo', type: 'sell', quantity: 2, requestId: 'b', tradeSeq: 2, epoch: 4 },
      ]);
    });

    it('never gives a request id a second number, whether memory or only the file knows it', async () => {
      await sut.appendTrades([trade('a', 1)], 1);
      expect([...(await sut.appendTrades([trade('a', 1), trade('b', 2), trade('b', 2)], 1))]).toEqual([
        ['a', 0],
        ['b', 1],
      ]);
      const restarted = db.reopen();
      expect([...(await restarted.appendTrades([trade('c', 3), trade('a', 1)], 1))]).toEqual([
        ['a', 0],
        ['c', 2],
      ]);
      expect((await restarted.after(-1, 10)).map((o) => o.requestId)).toEqual(['a', 'b', 'c']);
    });
  });

  describe('appendAfter (a follower)', () => {
    it('appends entries that follow its last one', async () => {
      expect(await sut.appendAfter({ number: -1, epoch: -1 }, [entry(0), entry(1)])).toEqual({
        ok: true,
        lastNumber: 1,
      });
      expect(await sut.appendAfter({ number: 1, epoch: 1 }, [entry(2)])).toEqual({ ok: true, lastNumber: 2 });
      expect((await db.reopen().after(-1, 10)).map((o) => o.number)).toEqual([0, 1, 2]);
    });

    it('refuses entries whose predecessor it does not hold, and changes nothing', async () => {
      await sut.appendAfter({ number: -1, epoch: -1 }, [entry(0), entry(1)]);
      expect(await sut.appendAfter({ number: 1, epoch: 2 }, [entry(2, 2)])).toEqual({ ok: false });
      expect(await sut.appendAfter({ number: 5, epoch: 1 }, [entry(6)])).toEqual({ ok: false });
      expect((await sut.after(-1, 10)).map((o) => o.number)).toEqual([0, 1]);
    });

    it('keeps equal entries (re-stamped) and replaces a stale tail from the first different one', async () => {
      await sut.appendAfter({ number: -1, epoch: -1 }, [entry(0), entry(1), entry(2), entry(3)]);
      const incoming = [entry(1, 2), entry(2, 2, 'other'), entry(3, 2, 'another')];
      expect(await sut.appendAfter({ number: 0, epoch: 1 }, incoming)).toEqual({ ok: true, lastNumber: 3 });
      const stored = await db.reopen().after(-1, 10);
      expect(stored.map((o) => [o.number, o.epoch, o.requestId])).toEqual([
        [0, 1, 'r0'],
        [1, 2, 'r1'],
        [2, 2, 'other'],
        [3, 2, 'another'],
      ]);
      expect(await sut.lastPosition()).toEqual({ number: 3, epoch: 2 });
    });
  });

  describe('adoptAfter (catch-up and takeover)', () => {
    it('makes the log equal the peer after a number, dropping a longer tail of its own', async () => {
      await sut.appendAfter({ number: -1, epoch: -1 }, [entry(0), entry(1), entry(2), entry(3)]);
      expect(await sut.adoptAfter(0, [entry(1), entry(2, 3, 'newer')])).toBe(1);
      expect((await db.reopen().after(-1, 10)).map((o) => [o.number, o.requestId])).toEqual([
        [0, 'r0'],
        [1, 'r1'],
        [2, 'newer'],
      ]);
      expect(await sut.lastPosition()).toEqual({ number: 2, epoch: 3 });
    });
  });

  it('finds the trade-seq watermark below a gap', async () => {
    await sut.appendTrades([trade('a', 1), trade('b', 2), trade('d', 4)], 1);
    expect(await sut.tradeSeqWatermark()).toBe(2);
    await sut.appendTrades([trade('c', 3)], 1);
    expect(await sut.tradeSeqWatermark(2)).toBe(4);
    expect([...(await sut.tradeSeqsBetween(2, 3))].sort()).toEqual([2, 3]);
  });

  it('remembers leadership and the commit point across a restart', async () => {
    await sut.saveLeadership(7, 2);
    await sut.saveCommitNumber(41);
    expect(await db.reopen().loadState()).toEqual({ epoch: 7, leaderId: 2, commitNumber: 41 });
  });
});
