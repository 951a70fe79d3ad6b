import { RestartPolicy } from './restart-policy';

describe(RestartPolicy.name, () => {
  it('restarts a process until it has exited maxExits times within the window', () => {
    const sut = new RestartPolicy(1000, 3, 60_000);
    expect(sut.allowsRestart('order-1', 0)).toBe(true);
    expect(sut.allowsRestart('order-1', 10_000)).toBe(true);
    expect(sut.allowsRestart('order-1', 20_000)).toBe(false);
  });

  it('forgets exits older than the window, and counts each process on its own', () => {
    const sut = new RestartPolicy(1000, 3, 60_000);
    expect(sut.allowsRestart('order-1', 0)).toBe(true);
    expect(sut.allowsRestart('order-1', 30_000)).toBe(true);
    expect(sut.allowsRestart('catalog', 40_000)).toBe(true);
    // The exit at 0 is 60 s old now: two in the window.
    expect(sut.allowsRestart('order-1', 60_000)).toBe(true);
    expect(sut.allowsRestart('order-1', 61_000)).toBe(false);
  });
});
