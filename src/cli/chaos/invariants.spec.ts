import { JournalEntry, OrderRecord, StockView, TradeType } from '../../shared/contracts';
import { TradeRecord } from './chaos.types';
import {
  acknowledgedOrders,
  checkInvariants,
  clientsFinished,
  consecutiveNumbers,
  conservation,
  exactlyOnce,
  replicasIdentical,
} from './invariants';
import { ChaosObservations, OrderAnswer } from './invariants.types';

function trade(key: string, name: string, type: TradeType, quantity: number, number?: number): TradeRecord {
  const outcome = number === undefined ? 'refused' : 'acknowledged';
  return {
    key,
    client: 0,
    name,
    type,
    quantity,
    outcome,
    number,
    attempts: 1,
    lastStatus: number === undefined ? 409 : 200,
    firstAt: 0,
    lastAt: 0,
  };
}

function entry(
  number: number,
  requestId: string,
  name: string,
  type: TradeType,
  quantity: number,
  epoch = 1,
): OrderRecord {
  return { number, requestId, name, type, quantity, tradeSeq: number + 1, epoch };
}

function journalOf(log: readonly OrderRecord[]): JournalEntry[] {
  return log.map((e, index) => ({
    tradeId: e.requestId,
    seq: index + 1,
    name: e.name,
    type: e.type,
    quantity: e.quantity,
  }));
}

function answersOf(log: readonly OrderRecord[]): Map<number, OrderAnswer> {
  return new Map(log.map((e) => [e.number, { name: e.name, type: e.type, quantity: e.quantity }]));
}

const stock = (name: string, quantity: number, volume: number): StockView => ({
  name,
  price: 1,
  quantity,
  volume,
  version: 1,
});

// Three acknowledged trades and one refused buy, as a healthy run would leave them.
const TRADES = [
  trade('k0', 'FishCo', 'buy', 5, 0),
  trade('k1', 'BoarCo', 'sell', 2, 1),
  trade('k2', 'FishCo', 'buy', 1, 2),
  trade('k3', 'BoarCo', 'buy', 500),
];
const LOG = [
  entry(0, 'k0', 'FishCo', 'buy', 5),
  entry(1, 'k1', 'BoarCo', 'sell', 2),
  entry(2, 'k2', 'FishCo', 'buy', 1),
];
const INITIAL = [
  { name: 'FishCo', quantity: 100, volume: 0 },
  { name: 'BoarCo', quantity: 100, volume: 0 },
];
const FINAL = [stock('FishCo', 94, 6), stock('BoarCo', 102, 2)];

function healthy(): ChaosObservations {
  return {
    initialStocks: INITIAL,
    trades: TRADES,
    log: LOG,
    replicaLogs: new Map([1, 2, 3].map((id) => [id, LOG])),
    journal: journalOf(LOG),
    finalStocks: FINAL,
    restocks: [],
    frontendOrders: answersOf(LOG),
    replays: [{ key: 'k1', number: 1, replayed: 1 }],
    clients: [{ client: 0, finished: true, trades: 4 }],
  };
}

describe(checkInvariants.name, () => {
  it('passes all six on a consistent run', () => {
    const sut = checkInvariants(healthy());
    expect(sut.map((inv) => [inv.id, inv.pass, inv.violations])).toEqual(
      [1, 2, 3, 4, 5, 6].map((id) => [id, true, []]),
    );
  });
});

describe(acknowledgedOrders.name, () => {
  it('finds an acknowledged order missing from the log', () => {
    const sut = acknowledgedOrders(TRADES, LOG.slice(0, 2), answersOf(LOG), []);
    expect(sut.pass).toBe(false);
    expect(sut.violations).toEqual(['#2 for k2 (buy 1 FishCo) is missing from the log']);
  });

  it('finds a log entry that differs from what the client sent', () => {
    const log = [LOG[0], entry(1, 'k1', 'BoarCo', 'buy', 2), LOG[2]];
    expect(acknowledgedOrders(TRADES, log, answersOf(LOG), []).violations).toEqual([
      '#1 for k1 (sell 2 BoarCo) is k1 (buy 2 BoarCo) in the log',
    ]);
  });

  it('finds a wrong or failed GET /orders/n and a number given to two keys', () => {
    const answers = answersOf(LOG);
    answers.set(0, { name: 'FishCo', type: 'buy', quantity: 6 });
    answers.set(2, { error: '503 no leader' });
    const trades = [...TRADES, trade('k9', 'FishCo', 'buy', 1, 2)];
    expect(acknowledgedOrders(trades, LOG, answers, []).violations).toEqual([
      '#2 was acknowledged to 2 keys: k2, k9',
      'GET /orders/0 for k0 (buy 5 FishCo) answered buy 6 FishCo',
      'GET /orders/2 for k2 (buy 1 FishCo) answered 503 no leader',
      '#2 for k9 (buy 1 FishCo) is k2 (buy 1 FishCo) in the log',
      'GET /orders/2 for k9 (buy 1 FishCo) answered 503 no leader',
    ]);
  });

  it('finds a resent key that got another number', () => {
    const sut = acknowledgedOrders(TRADES, LOG, answersOf(LOG), [{ key: 'k1', number: 1, replayed: 3 }]);
    expect(sut.violations).toEqual(['resending acknowledged key k1 (#1) answered #3']);
  });
});

describe(consecutiveNumbers.name, () => {
  it('accepts an empty log', () => {
    expect(consecutiveNumbers([]).pass).toBe(true);
  });

  it('checks a log longer than a call may have arguments (a fast host trades 125,000 in 2 minutes)', () => {
    const log = Array.from({ length: 200_000 }, (_, number) => entry(number, `k${number}`, 'X', 'buy', 1));
    expect(consecutiveNumbers(log)).toMatchObject({ pass: true, summary: '200000 log entries, highest #199999' });
  });

  it('finds gaps, duplicates and disorder', () => {
    const log = [
      entry(0, 'a', 'X', 'buy', 1),
      entry(2, 'b', 'X', 'buy', 1),
      entry(2, 'c', 'X', 'buy', 1),
      entry(1, 'd', 'X', 'buy', 1),
      entry(5, 'e', 'X', 'buy', 1),
    ];
    expect(consecutiveNumbers(log).violations).toEqual([
      '#2 appears more than once',
      '#3 is missing (gap)',
      '#4 is missing (gap)',
      '#2 follows #2 (out of order)',
      '#1 follows #2 (out of order)',
    ]);
  });
});

describe(conservation.name, () => {
  it('finds a quantity or volume that does not match the log', () => {
    const sut = conservation(INITIAL, LOG, [stock('FishCo', 89, 11), stock('BoarCo', 102, 2)], []);
    expect(sut.violations).toEqual(['FishCo: log says quantity 94, volume 6; catalog has quantity 89, volume 11']);
  });

  it('counts restocked quantity (not volume) on top of the log', () => {
    const restocked = [stock('FishCo', 100, 6), stock('BoarCo', 102, 2)];
    expect(conservation(INITIAL, LOG, restocked, [{ name: 'FishCo', quantity: 6 }]).violations).toEqual([]);
    expect(conservation(INITIAL, LOG, restocked, []).violations).toEqual([
      'FishCo: log says quantity 94, volume 6; catalog has quantity 100, volume 6',
    ]);
    expect(conservation(INITIAL, LOG, FINAL, [{ name: 'NoSuchCo', quantity: 1 }]).violations).toEqual([
      'a restock of 1 names unknown stock NoSuchCo',
    ]);
  });

  it('reports an unreadable catalog, a missing stock and an unknown one', () => {
    expect(conservation(INITIAL, LOG, { unreadable: 'HTTP 503' }, []).violations).toEqual([
      'catalog stocks unreadable: HTTP 503',
    ]);
    expect(conservation(INITIAL, LOG, FINAL, { unreadable: 'HTTP 404' }).violations).toEqual([
      'catalog restocks unreadable: HTTP 404',
    ]);
    const log = [...LOG, entry(3, 'k9', 'NoSuchCo', 'buy', 1)];
    expect(conservation(INITIAL, log, [FINAL[0]], []).violations).toEqual([
      '#3 trades unknown stock NoSuchCo',
      'BoarCo is missing from the catalog',
    ]);
  });
});

describe(exactlyOnce.name, () => {
  it('finds a key applied twice in the log and in the journal', () => {
    const log = [...LOG, entry(3, 'k1', 'BoarCo', 'sell', 2)];
    const journal = [...journalOf(LOG), { tradeId: 'k1', seq: 4, name: 'BoarCo', type: 'sell' as const, quantity: 2 }];
    expect(exactlyOnce(TRADES, log, journal).violations).toEqual([
      'key k1 is in the log 2 times: #1, #3',
      'trade k1 is in the journal 2 times (seq 2, 4)',
    ]);
  });

  it('finds a trade the catalog applied that no order records, and an order the catalog never applied', () => {
    const journal = [
      ...journalOf(LOG.slice(1)),
      { tradeId: 'k3', seq: 3, name: 'BoarCo', type: 'buy' as const, quantity: 500 },
    ];
    expect(exactlyOnce(TRADES, LOG, journal).violations).toEqual([
      'journal trade k3 (seq 3, buy 500 BoarCo) is not in the order log',
      '#0 (k0) is not in the catalog journal',
    ]);
  });

  it('finds a refused key and an unknown key in the log, a gap in the journal and a differing trade', () => {
    const log = [...LOG, entry(3, 'k3', 'BoarCo', 'buy', 500), entry(4, 'ghost', 'FishCo', 'buy', 1)];
    const journal = journalOf(log).map((j) => (j.tradeId === 'k0' ? { ...j, quantity: 4 } : j));
    journal[4] = { ...journal[4], seq: 7 };
    expect(exactlyOnce(TRADES, log, journal).violations).toEqual([
      '#3 applies key k3, which the client was answered 409',
      '#4 has key ghost, which no client sent',
      'journal row 4 has seq 7, expected 5',
      'journal trade k0 is buy 4 FishCo but #0 is buy 5 FishCo',
    ]);
  });

  it('fails when the journal cannot be read', () => {
    const sut = exactlyOnce(TRADES, LOG, { unreadable: 'HTTP 404' });
    expect(sut.pass).toBe(false);
    expect(sut.violations).toEqual(['catalog journal unreadable: HTTP 404']);
  });
});

describe(replicasIdentical.name, () => {
  it('finds a replica whose log is shorter or differs in a row (the epoch included)', () => {
    const differing = [LOG[0], { ...LOG[1], epoch: 2 }, LOG[2]];
    const sut = replicasIdentical(
      new Map([
        [1, LOG],
        [2, LOG.slice(0, 2)],
        [3, differing],
      ]),
    );
    expect(sut.violations).toHaveLength(2);
    expect(sut.violations[0]).toMatch(
      /^replica 1 \(3 rows\) and replica 2 \(2 rows\) differ at row 2: \{.*\} vs nothing$/,
    );
    expect(sut.violations[1]).toMatch(
      /^replica 1 \(3 rows\) and replica 3 \(3 rows\) differ at row 1: .*"epoch":1.* vs .*"epoch":2/,
    );
  });

  it('fails when a replica cannot be read', () => {
    const sut = replicasIdentical(
      new Map<number, OrderRecord[] | { unreadable: string }>([
        [1, LOG],
        [2, { unreadable: 'no answer' }],
      ]),
    );
    expect(sut.violations).toEqual(['replica 2: log unreadable (no answer)']);
  });
});

describe(clientsFinished.name, () => {
  it('finds a hung client, an unresolved key and an unexpected answer', () => {
    const pending: TradeRecord = {
      ...trade('k8', 'FishCo', 'buy', 1),
      outcome: 'pending',
      attempts: 12,
      lastStatus: 503,
    };
    const rejected: TradeRecord = {
      ...trade('k9', 'FishCo', 'buy', 1),
      outcome: 'rejected',
      lastStatus: 404,
      lastAnswer: 'stock not found',
    };
    const sut = clientsFinished(
      [
        { client: 0, finished: true, trades: 1 },
        { client: 1, finished: false, trades: 1 },
      ],
      [...TRADES, pending, rejected],
    );
    expect(sut.violations).toEqual([
      'client 1 did not finish',
      'k8 (buy 1 FishCo) still unanswered after 12 attempts, last 503',
      'k9 (buy 1 FishCo) answered 404 stock not found',
    ]);
  });
});
