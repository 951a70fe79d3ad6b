import { createHook } from 'node:async_hooks';

/** Tick objects captured at boot; holding one keeps its hidden class, and its ancestors, alive. */
const keptTickObjects: object[] = [];

/**
 * Keeps the hidden class of Node's `process.nextTick` queue entries alive for the life of the
 * process, so that `nextTick` stays fast.
 *
 * `nextTick` builds each entry with an object literal whose first keys are computed
 * (`{ [async_id_symbol]: …, [trigger_async_id_symbol]: …, callback, args }`). V8 remembers the
 * hidden class it saw at each computed key weakly, and flips the site to its generic, runtime-call
 * path for good the first time it sees another class. A full collection while no tick is queued
 * frees those classes (nothing else holds them), the next tick builds new ones, and from then on
 * every `nextTick` costs about four times as much: some 0.2 µs on each of the nine a served request
 * makes (docs/PERFORMANCE.md, thirteenth round). Whether that collection happens during start-up
 * is chance, so processes of the same build differed by several per cent.
 *
 * A tick object is only reachable from the init hook of `async_hooks`, so one is captured here
 * with a hook that lives for this one call. Call it first thing, before the application queues
 * its first ticks; on a Node whose ticks are built differently nothing is captured and nothing
 * changes. Returns what it captured, for tests.
 */
export function keepTickObjectShapeAlive(): readonly object[] {
  const hook = createHook({
    init(_asyncId, type, _triggerAsyncId, resource) {
      if (type === 'TickObject') keptTickObjects.push(resource);
    },
  }).enable();
  try {
    process.nextTick(() => undefined, undefined);
  } finally {
    hook.disable();
  }
  return keptTickObjects;
}
