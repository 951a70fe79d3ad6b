import { Mutex } from './mutex';

describe(Mutex.name, () => {
  it('never runs two tasks at once and keeps arrival order', async () => {
    const sut = new Mutex();
    const events: string[] = [];
    let running = 0;
    const task = (id: number, ms: number) => async () => {
      running += 1;
      events.push(`start ${id} (running ${running})`);
      await new Promise((r) => setTimeout(r, ms));
      running -= 1;
      events.push(`end ${id}`);
      return id;
    };
    const results = await Promise.all([sut.run(task(1, 20)), sut.run(task(2, 1)), sut.run(task(3, 5))]);
    expect(results).toEqual([1, 2, 3]);
    expect(events).toEqual([
      'start 1 (running 1)',
      'end 1',
      'start 2 (running 1)',
      'end 2',
      'start 3 (running 1)',
      'end 3',
    ]);
  });

  it('keeps going after a task fails', async () => {
    const sut = new Mutex();
    const failing = sut.run(async () => {
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    await expect(sut.run(async () => 'next')).resolves.toBe('next');
  });
});
