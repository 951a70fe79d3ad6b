import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const MODULE = join(resolve(__dirname, '..', '..'), 'dist', 'shared', 'runtime', 'tick-object-shape');

interface Outcome {
  kept: number;
  keys: string[];
  sameHiddenClass: boolean;
}

/**
 * A process that keeps the tick shape at boot, queues ticks, idles through full collections with
 * no tick queued (what frees the hidden class when nothing holds it), then captures a new tick.
 */
async function bootThenIdle(): Promise<Outcome> {
  const script = `
    const { keepTickObjectShapeAlive } = require(${JSON.stringify(MODULE)});
    const sameHiddenClass = new Function('a', 'b', 'return %HaveSameMap(a, b)');
    keepTickObjectShapeAlive();
    (async () => {
      for (let i = 0; i < 50; i += 1) await new Promise((done) => process.nextTick(done, i));
      for (let i = 0; i < 6; i += 1) {
        gc();
        await new Promise((done) => setTimeout(done, 10));
      }
      const kept = keepTickObjectShapeAlive();
      console.log(JSON.stringify({
        kept: kept.length,
        keys: Reflect.ownKeys(kept[0]).map(String),
        sameHiddenClass: sameHiddenClass(kept[0], kept[kept.length - 1]),
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
  it("is Node's nextTick entry, still alive and still the class new ticks get after idle full collections", async () => {
    expect(await bootThenIdle()).toEqual({
      kept: 2,
      keys: ['callback', 'args', 'Symbol(async_id_symbol)', 'Symbol(trigger_async_id_symbol)'],
      sameHiddenClass: true,
    });
  });
});
