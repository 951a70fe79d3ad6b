import { OrderRecord } from '../../shared/contracts';
import { ChaosObservations, InvariantResult, OrderAnswer, Replay } from './invariants.types';
import { conservation, exactlyOnce } from './ledger-invariants';
import { describeOrder, duplicates, Violations } from './violations';
import { ClientSummary, TradeRecord } from './chaos.types';

export { conservation, exactlyOnce } from './ledger-invariants';

function sameTrade(
  a: { name: string; type: string; quantity: number },
  b: { name: string; type: string; quantity: number },
) {
  return a.name === b.name && a.type === b.type && a.quantity === b.quantity;
}

/** 1. Every acknowledged order is in the log and behind GET /orders/n, exactly as sent, and keeps its number. */
export function acknowledgedOrders(
  trades: readonly TradeRecord[],
  log: readonly OrderRecord[],
  frontendOrders: ReadonlyMap<number, OrderAnswer>,
  replays: readonly Replay[],
): InvariantResult {
  const found = new Violations();
  const acknowledged = trades.filter((trade) => trade.outcome === 'acknowledged');
  const byNumber = new Map(log.map((entry) => [entry.number, entry]));
  for (const number of duplicates(acknowledged.map((trade) => trade.number))) {
    const keys = acknowledged.filter((trade) => trade.number === number).map((trade) => trade.key);
    found.add(`#${number} was acknowledged to ${keys.length} keys: ${keys.join(', ')}`);
  }
  for (const trade of acknowledged) {
    const number = trade.number ?? -1;
    const entry = byNumber.get(number);
    const sent = `${trade.key} (${describeOrder(trade)})`;
    if (!entry) found.add(`#${number} for ${sent} is missing from the log`);
    else if (entry.requestId !== trade.key || !sameTrade(entry, trade)) {
      found.add(`#${number} for ${sent} is ${entry.requestId} (${describeOrder(entry)}) in the log`);
    }
    const answer = frontendOrders.get(number);
    if (!answer) found.add(`#${number} for ${sent} was not looked up through the frontend`);
    else if ('error' in answer) found.add(`GET /orders/${number} for ${sent} answered ${answer.error}`);
    else if (!sameTrade(answer, trade))
      found.add(`GET /orders/${number} for ${sent} answered ${describeOrder(answer)}`);
  }
  for (const replay of replays) {
    if (replay.replayed === replay.number) continue;
    const got = replay.error ?? `#${replay.replayed}`;
    found.add(`resending acknowledged key ${replay.key} (#${replay.number}) answered ${got}`);
  }
  const summary = `${acknowledged.length} acknowledged orders checked in the log and through GET /orders/n; ${replays.length} keys resent`;
  return found.result(1, 'every acknowledged order is present and exact', summary);
}

/** 2. The log holds the numbers 0..N-1, in order, each once. */
export function consecutiveNumbers(log: readonly OrderRecord[]): InvariantResult {
  const found = new Violations();
  const numbers = log.map((entry) => entry.number);
  for (const number of duplicates(numbers)) found.add(`#${number} appears more than once`);
  const present = new Set(numbers);
  // Not Math.max(...numbers): a run of 125,000 orders overflowed the call stack with that spread.
  const highest = numbers.reduce((high, number) => Math.max(high, number), -1);
  for (let number = 0; number <= highest; number += 1) {
    if (!present.has(number)) found.add(`#${number} is missing (gap)`);
  }
  numbers.forEach((number, index) => {
    if (index > 0 && number <= numbers[index - 1])
      found.add(`#${number} follows #${numbers[index - 1]} (out of order)`);
  });
  return found.result(
    2,
    'transaction numbers are 0..N-1 without gap or duplicate',
    `${log.length} log entries, highest #${highest}`,
  );
}

function firstDifference(a: readonly OrderRecord[], b: readonly OrderRecord[]): string | undefined {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) {
      return `row ${i}: ${JSON.stringify(a[i]) ?? 'nothing'} vs ${JSON.stringify(b[i]) ?? 'nothing'}`;
    }
  }
  return undefined;
}

/** 5. Every replica holds the same log, row for row. */
export function replicasIdentical(replicaLogs: ChaosObservations['replicaLogs']): InvariantResult {
  const found = new Violations();
  const readable: [number, readonly OrderRecord[]][] = [];
  for (const [id, log] of replicaLogs) {
    if ('unreadable' in log) found.add(`replica ${id}: log unreadable (${log.unreadable})`);
    else readable.push([id, log]);
  }
  const [first, ...others] = readable;
  for (const [id, log] of others) {
    const difference = firstDifference(first[1], log);
    if (difference !== undefined) {
      found.add(
        `replica ${first[0]} (${first[1].length} rows) and replica ${id} (${log.length} rows) differ at ${difference}`,
      );
    }
  }
  const lengths = readable.map(([id, log]) => `${id}: ${log.length}`).join(', ');
  return found.result(5, 'the replicas hold identical logs', `log lengths ${lengths}`);
}

/** 6. Every client stopped, and every key it sent got a definite, expected answer (200 or 409). */
export function clientsFinished(clients: readonly ClientSummary[], trades: readonly TradeRecord[]): InvariantResult {
  const found = new Violations();
  for (const client of clients) if (!client.finished) found.add(`client ${client.client} did not finish`);
  for (const trade of trades) {
    if (trade.outcome === 'pending') {
      found.add(
        `${trade.key} (${describeOrder(trade)}) still unanswered after ${trade.attempts} attempts, last ${trade.lastStatus}`,
      );
    } else if (trade.outcome === 'rejected') {
      found.add(`${trade.key} (${describeOrder(trade)}) answered ${trade.lastStatus} ${trade.lastAnswer ?? ''}`);
    }
  }
  const finished = clients.filter((client) => client.finished).length;
  return found.result(
    6,
    'every client finished with a definite answer',
    `${finished}/${clients.length} clients finished, ${trades.length} keys`,
  );
}

export function checkInvariants(observed: ChaosObservations): InvariantResult[] {
  return [
    acknowledgedOrders(observed.trades, observed.log, observed.frontendOrders, observed.replays),
    consecutiveNumbers(observed.log),
    conservation(observed.initialStocks, observed.log, observed.finalStocks, observed.restocks),
    exactlyOnce(observed.trades, observed.log, observed.journal),
    replicasIdentical(observed.replicaLogs),
    clientsFinished(observed.clients, observed.trades),
  ];
}
