import { AsyncResource } from 'node:async_hooks';

/** An object of the hidden class of Node's tick entries, held for the life of the process. */
let keptTickShape: object | undefined;

/**
 * Keeps the hidden class of Node's `process.nextTick` queue entries alive for the life of the
 * process, so that `nextTick` stays fast.
 *
 * `nextTick` builds each entry with an object literal whose first keys are computed
 * (`{ [async_id_symbol]: …, [trigger_async_id_symbol]: …, callback, args }`). V8 remembers the
 * hidden class it saw at each computed key weakly, and turns the site generic, a runtime call per
 * key, for good the first time it sees another class. A full collection while no tick is queued
 * frees those classes (nothing else holds them), the next tick builds new ones, and from then on
 * every `nextTick` costs about four times as much (docs/PERFORMANCE.md, thirteenth round). Whether
 * that collection happens before a process's load is chance.
 *
 * The entries themselves are reachable only from an `async_hooks` init hook, and enabling one,
 * even for a single call, turns off V8's fast paths for promises for the rest of the process. So
 * an object of the same class is built here instead: the same keys in the same order (the two
 * symbols read off an `AsyncResource`, which carries them too), with values of the same kinds.
 * Call it first thing, before the application queues its first ticks. On a Node whose resources
 * carry other symbols nothing is built and nothing changes. Builds it once; answers the object
 * kept (the same on every call), for tests.
 */
export function keepTickObjectShapeAlive(): object | undefined {
  if (keptTickShape) return keptTickShape;
  const resource = new AsyncResource('TickObjectShape') as AsyncResource & Record<symbol, number>;
  const symbols = Object.getOwnPropertySymbols(resource);
  const asyncId = symbols.find((symbol) => symbol.description === 'async_id_symbol');
  const triggerAsyncId = symbols.find((symbol) => symbol.description === 'trigger_async_id_symbol');
  if (asyncId && triggerAsyncId) {
    keptTickShape = {
      [asyncId]: resource[asyncId],
      [triggerAsyncId]: resource[triggerAsyncId],
      callback: () => undefined,
      args: undefined,
    };
  }
  return keptTickShape;
}
