import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const MODULE = join(resolve(__dirname, '..', '..'), 'dist', 'shared', 'runtime', 'tick-object-shape');

interface Outcome {
  /** Whether the object kept at boot outlived the collections, and a later call answers it. */
  keptSinceBoot: boolean;
  keys: string[];
  sameHiddenClass: boolean;
}

/**
 * A process that keeps the tick shape at boot (watched through a WeakRef only, so that nothing but
 * the module holds it), queues ticks, idles through full collections with no tick queued (what
 * frees the hidden class when nothing holds it), then captures a real tick entry (through an init
 * hook, which only this test may enable) to compare with what was kept.
 */
async function bootThenIdle(): Promise<Outcome> {
  const script = `
    const { createHook } = require('node:async_hooks');
    const { keepTickObjectShapeAlive } = require(${JSON.stringify(MODULE)});
    const sameHiddenClass = new Function('a', 'b', 'return %HaveSameMap(a, b)');
    const atBoot = new WeakRef(keepTickObjectShapeAlive());
    (async () => {
      for (let i = 0; i < 50; i += 1) await new Promise((done) => process.nextTick(done, i));
      for (let i = 0; i < 6; i += 1) {
        gc();
        await new Promise((done) => setTimeout(done, 10));
      }
      let tick;
      const hook = createHook({ init(id, type, trigger, resource) { if (type === 'TickObject') tick = resource; } });
      hook.enable();
      process.nextTick(() => undefined, 1);
      hook.disable();
      const kept = keepTickObjectShapeAlive();
      console.log(JSON.stringify({
        keptSinceBoot: atBoot.deref() !== undefined && atBoot.deref() === kept,
        keys: Reflect.ownKeys(kept).map(String),
        sameHiddenClass: sameHiddenClass(kept, tick),
      }));
    })();`;
  const { stdout } = await promisify(execFile)(process.execPath, [
    '--expose-gc',
    '--allow-natives-syntax',
    '-e',
    script,
  ]);
  return JSON.parse(stdout) as Outcome;
}

describe('the tick shape kept at boot', () => {
  it('is still alive, and still the hidden class of new tick entries, after idle full collections', async () => {
    expect(await bootThenIdle()).toEqual({
      keptSinceBoot: true,
      keys: ['callback', 'args', 'Symbol(async_id_symbol)', 'Symbol(trigger_async_id_symbol)'],
      sameHiddenClass: true,
    });
  });
});
