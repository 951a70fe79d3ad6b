import { JournalEntry, OrderRecord, RestockEntry, StockView } from '../../shared/contracts';
import { TradeRecord } from './chaos.types';
import { InvariantResult, Readable, StockStart } from './invariants.types';
import { describeOrder, duplicates, Violations } from './violations';

/**
 * 3. Per stock: initial − buys + sells over the log + restocked = catalog quantity, and traded
 * total = volume (a restock adds quantity, not volume).
 */
export function conservation(
  initial: readonly StockStart[],
  log: readonly OrderRecord[],
  final: Readable<readonly StockView[]>,
  restocks: Readable<readonly RestockEntry[]>,
): InvariantResult {
  const found = new Violations();
  const name = 'the catalog matches the order log and its restocks (conservation)';
  if ('unreadable' in final || 'unreadable' in restocks) {
    if ('unreadable' in final) found.add(`catalog stocks unreadable: ${final.unreadable}`);
    if ('unreadable' in restocks) found.add(`catalog restocks unreadable: ${restocks.unreadable}`);
    return found.result(3, name, 'not checked');
  }
  const expected = new Map(initial.map((stock) => [stock.name, { quantity: stock.quantity, volume: stock.volume }]));
  for (const entry of log) {
    const stock = expected.get(entry.name);
    if (!stock) {
      found.add(`#${entry.number} trades unknown stock ${entry.name}`);
      continue;
    }
    stock.quantity += entry.type === 'buy' ? -entry.quantity : entry.quantity;
    stock.volume += entry.quantity;
  }
  for (const restock of restocks) {
    const stock = expected.get(restock.name);
    if (stock) stock.quantity += restock.quantity;
    else found.add(`a restock of ${restock.quantity} names unknown stock ${restock.name}`);
  }
  const actual = new Map(final.map((stock) => [stock.name, stock]));
  for (const [stockName, want] of expected) {
    const got = actual.get(stockName);
    if (!got) found.add(`${stockName} is missing from the catalog`);
    else if (got.quantity !== want.quantity || got.volume !== want.volume) {
      found.add(
        `${stockName}: log says quantity ${want.quantity}, volume ${want.volume}; ` +
          `catalog has quantity ${got.quantity}, volume ${got.volume}`,
      );
    }
    if (want.quantity < 0) found.add(`${stockName}: the log sells short, quantity would be ${want.quantity}`);
  }
  return found.result(
    3,
    name,
    `${expected.size} stocks over ${log.length} log entries and ${restocks.length} restocks`,
  );
}

/**
 * 4. No key applied twice: each key at most once in the log, each journal trade exactly once, the
 * journal and the log the same set of keys (and the same trades), and only acknowledged (or still
 * unresolved) client keys in the log.
 */
export function exactlyOnce(
  trades: readonly TradeRecord[],
  log: readonly OrderRecord[],
  journal: Readable<readonly JournalEntry[]>,
): InvariantResult {
  const found = new Violations();
  const name = 'no key applied twice; catalog journal = order log';
  for (const key of duplicates(log.map((entry) => entry.requestId))) {
    const numbers = log.filter((entry) => entry.requestId === key).map((entry) => `#${entry.number}`);
    found.add(`key ${key} is in the log ${numbers.length} times: ${numbers.join(', ')}`);
  }
  const sent = new Map(trades.map((trade) => [trade.key, trade]));
  for (const entry of log) {
    const trade = sent.get(entry.requestId);
    if (!trade) found.add(`#${entry.number} has key ${entry.requestId}, which no client sent`);
    else if (trade.outcome === 'refused' || trade.outcome === 'rejected') {
      found.add(`#${entry.number} applies key ${entry.requestId}, which the client was answered ${trade.lastStatus}`);
    }
  }
  if ('unreadable' in journal) {
    found.add(`catalog journal unreadable: ${journal.unreadable}`);
    return found.result(4, name, `${log.length} log keys; journal not read`);
  }
  checkJournal(journal, log, found);
  return found.result(4, name, `${log.length} log keys, ${journal.length} journal trades`);
}

function checkJournal(journal: readonly JournalEntry[], log: readonly OrderRecord[], found: Violations): void {
  for (const tradeId of duplicates(journal.map((entry) => entry.tradeId))) {
    const seqs = journal.filter((entry) => entry.tradeId === tradeId).map((entry) => entry.seq);
    found.add(`trade ${tradeId} is in the journal ${seqs.length} times (seq ${seqs.join(', ')})`);
  }
  journal.forEach((entry, index) => {
    if (entry.seq !== index + 1) found.add(`journal row ${index} has seq ${entry.seq}, expected ${index + 1}`);
  });
  const logByKey = new Map(log.map((entry) => [entry.requestId, entry]));
  const journalIds = new Set(journal.map((entry) => entry.tradeId));
  for (const entry of journal) {
    const ordered = logByKey.get(entry.tradeId);
    if (!ordered)
      found.add(`journal trade ${entry.tradeId} (seq ${entry.seq}, ${describeOrder(entry)}) is not in the order log`);
    else if (ordered.name !== entry.name || ordered.type !== entry.type || ordered.quantity !== entry.quantity) {
      found.add(
        `journal trade ${entry.tradeId} is ${describeOrder(entry)} but #${ordered.number} is ${describeOrder(ordered)}`,
      );
    }
  }
  for (const entry of log) {
    if (!journalIds.has(entry.requestId))
      found.add(`#${entry.number} (${entry.requestId}) is not in the catalog journal`);
  }
}
