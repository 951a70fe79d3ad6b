import { Batcher, failed, fulfilled, Settled } from './batcher';

/** Records every batch it is asked to flush; answers after a short pause, like a transaction. */
class FakeSink {
  batches: string[][] = [];
  /** Items whose own result is an error. */
  refuse = new Set<string>();
  /** The index of a flush that throws as a whole. */
  failFlushAt = -1;

  flush = async (items: string[]): Promise<Settled<string>[]> => {
    const index = this.batches.length;
    this.batches.push(items);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (index === this.failFlushAt) throw new Error('flush failed');
    return items.map((item) =>
      this.refuse.has(item) ? failed(new Error(`refused ${item}`)) : fulfilled(`done ${item}`),
    );
  };
}

describe(Batcher.name, () => {
  it('flushes the first item alone and batches what arrives meanwhile, in order', async () => {
    const sink = new FakeSink();
    const sut = new Batcher(sink.flush);
    const first = sut.submit('a');
    await new Promise((resolve) => setImmediate(resolve));
    const results = await Promise.all([first, sut.submit('b'), sut.submit('c'), sut.submit('d')]);
    expect(results).toEqual(['done a', 'done b', 'done c', 'done d']);
    expect(sink.batches).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('caps the size of a batch', async () => {
    const sink = new FakeSink();
    const sut = new Batcher(sink.flush, 2);
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => sut.submit(id)));
    expect(sink.batches).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
  });

  it('flushes items submitted together in one batch, even from idle', async () => {
    const sink = new FakeSink();
    const sut = new Batcher(sink.flush);
    await Promise.all(sut.submitAll(['a', 'b', 'c']));
    expect(sink.batches).toEqual([['a', 'b', 'c']]);
  });

  it('fails only the item whose own result is an error', async () => {
    const sink = new FakeSink();
    sink.refuse.add('b');
    const sut = new Batcher(sink.flush);
    const outcomes = await Promise.all(sut.submitAll(['a', 'b', 'c']).map((p) => p.then(fulfilled, failed)));
    expect(outcomes).toEqual([fulfilled('done a'), failed(new Error('refused b')), fulfilled('done c')]);
  });

  it('fails every item of a batch whose flush throws, and goes on with the next', async () => {
    const sink = new FakeSink();
    sink.failFlushAt = 1;
    const sut = new Batcher(sink.flush);
    const outcomes = await Promise.allSettled(['a', 'b', 'c'].map((id) => sut.submit(id)));
    expect(outcomes.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(await sut.submit('d')).toBe('done d');
    expect(sink.batches).toEqual([['a'], ['b', 'c'], ['d']]);
  });

  it('fails an item the flush gave no result for', async () => {
    const sut = new Batcher<string, string>(async () => []);
    await expect(sut.submit('a')).rejects.toThrow('fewer results');
  });
});
