import { GroupCommit } from './group-commit';

/** A fake transaction log: records which works ran in which transaction. */
class FakeDatabase {
  transactions: string[][] = [];
  /** The index (counting every attempt) of a transaction whose commit fails. */
  failAt = -1;
  private attempts = 0;

  run = async <R>(body: (tx: string[]) => Promise<R>): Promise<R> => {
    const tx: string[] = [];
    await new Promise((resolve) => setTimeout(resolve, 5));
    const result = await body(tx);
    if (this.attempts++ === this.failAt) throw new Error('commit failed');
    this.transactions.push(tx);
    return result;
  };
}

describe(GroupCommit.name, () => {
  it('commits writes that arrive together in one transaction, in arrival order', async () => {
    const db = new FakeDatabase();
    const sut = new GroupCommit(db.run);
    const write = (id: string) => sut.submit(async (tx) => (tx.push(id), `done ${id}`));
    const first = write('a');
    await new Promise((resolve) => setImmediate(resolve));
    const results = await Promise.all([first, write('b'), write('c'), write('d')]);
    expect(results).toEqual(['done a', 'done b', 'done c', 'done d']);
    expect(db.transactions).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('caps the size of a batch (the first write never waits)', async () => {
    const db = new FakeDatabase();
    const sut = new GroupCommit(db.run, 2);
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => sut.submit(async (tx) => tx.push(id))));
    expect(db.transactions).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
  });

  it('fails every write of a batch whose commit fails, and goes on with the next', async () => {
    const db = new FakeDatabase();
    const sut = new GroupCommit(db.run);
    db.failAt = 1;
    const outcomes = Promise.allSettled(['a', 'b', 'c'].map((id) => sut.submit(async (tx) => tx.push(id))));
    expect((await outcomes).map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    await expect(sut.submit(async (tx) => (tx.push('d'), 'ok'))).resolves.toBe('ok');
    expect(db.transactions).toEqual([['a'], ['d']]);
  });
});
