import { StockInvalidation } from '../../shared/contracts';
import {
  backoffMs,
  DEFAULT_OUTBOX_OPTIONS,
  DeliveryOutcome,
  InvalidationOutbox,
  OutboxOptions,
} from './invalidation-outbox';

const OPTIONS: OutboxOptions = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 25, maxBatch: 2, minIntervalMs: 0 };

/** A frontend that answers each push with the next scripted outcome ('delivered' once the script runs out). */
class FakeFrontend {
  readonly received: StockInvalidation[][] = [];
  private gate: Promise<void> = Promise.resolve();
  private open: () => void = () => undefined;

  constructor(private readonly script: DeliveryOutcome[] = []) {}

  /** Holds every push until `release()`. */
  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open();
  }

  readonly send = async (invalidations: StockInvalidation[]): Promise<DeliveryOutcome> => {
    this.received.push(invalidations);
    await this.gate;
    return this.script.shift() ?? 'delivered';
  };
}

/** Time stands still except when the outbox sleeps: then it moves on by exactly that long. */
class FakeSleeper {
  readonly pauses: number[] = [];
  time = 1000;
  readonly now = (): number => this.time;
  readonly sleep = async (ms: number): Promise<void> => {
    this.pauses.push(ms);
    this.time += ms;
  };
}

describe(InvalidationOutbox.name, () => {
  it('delivers an invalidation once when the frontend accepts it', async () => {
    const frontend = new FakeFrontend();
    const sleeper = new FakeSleeper();
    const sut = new InvalidationOutbox({ send: frontend.send, ...sleeper }, OPTIONS);
    sut.post({ name: 'A', version: 2 });
    await sut.drain();
    expect(frontend.received).toEqual([[{ name: 'A', version: 2 }]]);
    expect(sleeper.pauses).toEqual([]);
    expect(sut.pending).toBe(0);
  });

  it('retries a failed push with growing, capped pauses', async () => {
    const frontend = new FakeFrontend(['retry', 'retry', 'retry']);
    const sleeper = new FakeSleeper();
    const sut = new InvalidationOutbox({ send: frontend.send, ...sleeper }, OPTIONS);
    sut.post({ name: 'A', version: 2 });
    await sut.drain();
    expect(frontend.received).toHaveLength(4);
    expect(sleeper.pauses).toEqual([10, 20, 25]);
  });

  it('gives up after the last attempt and reports it', async () => {
    const frontend = new FakeFrontend(['retry', 'retry', 'retry', 'retry', 'retry']);
    const givenUp: string[] = [];
    const sut = new InvalidationOutbox(
      {
        send: frontend.send,
        ...new FakeSleeper(),
        onGiveUp: ({ name, version }, outcome) => givenUp.push(`${name} v${version} ${outcome}`),
      },
      OPTIONS,
    );
    sut.post({ name: 'A', version: 2 });
    await sut.drain();
    expect(frontend.received).toHaveLength(OPTIONS.maxAttempts);
    expect(givenUp).toEqual(['A v2 retry']);
    expect(sut.pending).toBe(0);
  });

  it('counts a thrown send as a failure to retry', async () => {
    let calls = 0;
    const send = async (): Promise<DeliveryOutcome> => {
      calls += 1;
      if (calls === 1) throw new Error('connection refused');
      return 'delivered';
    };
    const sut = new InvalidationOutbox({ send, ...new FakeSleeper() }, OPTIONS);
    sut.post({ name: 'A', version: 1 });
    await sut.drain();
    expect(calls).toBe(2);
  });

  it('does not retry a push the frontend refuses', async () => {
    const frontend = new FakeFrontend(['rejected']);
    const sut = new InvalidationOutbox({ send: frontend.send, ...new FakeSleeper() }, OPTIONS);
    sut.post({ name: 'A', version: 1 });
    await sut.drain();
    expect(frontend.received).toHaveLength(1);
  });

  it('sends only the newest version of changes that pile up while a push is in flight', async () => {
    const frontend = new FakeFrontend();
    frontend.hold();
    const sut = new InvalidationOutbox({ send: frontend.send, ...new FakeSleeper() }, OPTIONS);
    sut.post({ name: 'A', version: 1 });
    sut.post({ name: 'A', version: 3 });
    sut.post({ name: 'A', version: 2 });
    sut.post({ name: 'B', version: 7 });
    frontend.release();
    await sut.drain();
    expect(frontend.received).toEqual([
      [{ name: 'A', version: 1 }],
      [
        { name: 'A', version: 3 },
        { name: 'B', version: 7 },
      ],
    ]);
  });

  it('splits what is waiting into pushes of at most maxBatch stocks', async () => {
    const frontend = new FakeFrontend();
    frontend.hold();
    const sut = new InvalidationOutbox({ send: frontend.send, ...new FakeSleeper() }, OPTIONS);
    sut.post({ name: 'A', version: 1 });
    for (const name of ['B', 'C', 'D']) sut.post({ name, version: 1 });
    frontend.release();
    await sut.drain();
    expect(frontend.received.map((push) => push.map((i) => i.name))).toEqual([['A'], ['B', 'C'], ['D']]);
  });

  it('keeps a version that arrived while an older one of the same stock was delivered', async () => {
    const frontend = new FakeFrontend();
    frontend.hold();
    const sut = new InvalidationOutbox({ send: frontend.send, ...new FakeSleeper() }, OPTIONS);
    sut.post({ name: 'A', version: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    sut.post({ name: 'A', version: 2 });
    frontend.release();
    await sut.drain();
    expect(frontend.received).toEqual([[{ name: 'A', version: 1 }], [{ name: 'A', version: 2 }]]);
  });

  it('stops retrying once stopped', async () => {
    const frontend = new FakeFrontend(['retry', 'retry', 'retry']);
    const sut = new InvalidationOutbox({ send: frontend.send, ...new FakeSleeper() }, OPTIONS);
    frontend.hold();
    sut.post({ name: 'A', version: 1 });
    const stopped = sut.stop();
    frontend.release();
    await stopped;
    sut.post({ name: 'A', version: 2 });
    await sut.drain();
    expect(frontend.received).toEqual([[{ name: 'A', version: 1 }]]);
  });

  it('spaces pushes by minIntervalMs, so changes in between leave together', async () => {
    const frontend = new FakeFrontend();
    const sleeper = new FakeSleeper();
    const sut = new InvalidationOutbox(
      { send: frontend.send, ...sleeper },
      { ...OPTIONS, minIntervalMs: 20, maxBatch: 10 },
    );
    sut.post({ name: 'A', version: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    sleeper.time += 5;
    sut.post({ name: 'B', version: 1 });
    sut.post({ name: 'C', version: 1 });
    await sut.drain();
    expect(frontend.received.map((push) => push.map((i) => i.name))).toEqual([['A'], ['B', 'C']]);
    expect(sleeper.pauses).toEqual([15]);
    sleeper.time += 100;
    sut.post({ name: 'D', version: 1 });
    await sut.drain();
    expect(sleeper.pauses).toEqual([15]); // after a quiet spell: at once
  });

  it('bounds the default backoff', () => {
    const pauses = [...Array(DEFAULT_OUTBOX_OPTIONS.maxAttempts).keys()].map((n) =>
      backoffMs(n, DEFAULT_OUTBOX_OPTIONS),
    );
    expect(pauses).toEqual([50, 100, 200, 400, 800, 1600, 2000, 2000]);
  });
});
