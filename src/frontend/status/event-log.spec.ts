import { EventLog } from './event-log';

describe(EventLog.name, () => {
  it('lists the most recent event first and keeps only its capacity', () => {
    const sut = new EventLog(2);
    sut.add('down', 'order-3 down', 1);
    sut.add('election', 'replica 2 leads at epoch 2', 2);
    sut.add('up', 'order-3 up', 3);
    expect(sut.recent()).toEqual([
      { at: 3, kind: 'up', text: 'order-3 up', count: 1 },
      { at: 2, kind: 'election', text: 'replica 2 leads at epoch 2', count: 1 },
    ]);
  });

  it('counts a repeat of the newest event instead of listing it again', () => {
    const sut = new EventLog();
    sut.add('failover', 'trades retried: replica 3 failed', 1);
    sut.add('failover', 'trades retried: replica 3 failed', 5);
    sut.add('election', 'replica 2 leads at epoch 2', 6);
    sut.add('failover', 'trades retried: replica 3 failed', 7);
    expect(sut.recent().map((e) => [e.text, e.count, e.at])).toEqual([
      ['trades retried: replica 3 failed', 1, 7],
      ['replica 2 leads at epoch 2', 1, 6],
      ['trades retried: replica 3 failed', 2, 5],
    ]);
  });
});
