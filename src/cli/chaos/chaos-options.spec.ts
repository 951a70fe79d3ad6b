import { UsageError as ChaosUsageError } from '../args/cli-args';
import { parseChaosOptions } from './chaos-options';
import { actionFor, killCycle } from './killer';

describe(parseChaosOptions.name, () => {
  it('takes the documented defaults and a random seed', () => {
    const sut = parseChaosOptions([], () => 99);
    expect(sut).toMatchObject({
      seconds: 120,
      clients: 5,
      killEveryMs: 3000,
      killCatalog: false,
      killFrontend: false,
      seed: 99,
    });
    expect(sut.reportDir).toMatch(/docs\/chaos$/);
  });

  it('reads every flag', () => {
    const argv = ['--seconds', '30', '--clients', '4', '--kill-every-ms', '1500', '--kill-catalog', '--kill-frontend'];
    const sut = parseChaosOptions([...argv, '--seed', '7', '--report-dir', '/tmp/r', '--heartbeat-ms', '100']);
    expect(sut).toMatchObject({ seconds: 30, clients: 4, killEveryMs: 1500, killCatalog: true, killFrontend: true });
    expect(sut).toMatchObject({ seed: 7, reportDir: '/tmp/r', heartbeatMs: 100 });
  });

  it('runs one of each on SQLite by default, and kills every role of a cluster with several frontends and catalogs', () => {
    expect(parseChaosOptions([], () => 1)).toMatchObject({ frontends: 1, catalogs: 1, killCatalog: false });
    const sut = parseChaosOptions(['--frontends', '2', '--catalogs', '2', '--postgres', 'local']);
    expect(sut).toMatchObject({ frontends: 2, catalogs: 2, postgres: { local: true } });
    expect(sut).toMatchObject({ killCatalog: true, killFrontend: true });
    expect(() => parseChaosOptions(['--catalogs', '2'])).toThrow('--catalogs above 1 needs --postgres');
  });

  it('refuses unknown flags and out-of-range numbers', () => {
    expect(() => parseChaosOptions(['--kill-everything'])).toThrow(ChaosUsageError);
    expect(() => parseChaosOptions(['--clients', '0'])).toThrow('--clients must be an integer from 1 to 200');
    expect(() => parseChaosOptions(['--seconds', '1.5'])).toThrow(ChaosUsageError);
  });
});

describe(killCycle.name, () => {
  it('aims at the leader every other kill, services first', () => {
    expect(killCycle(false, false)).toEqual(['leader', 'replica']);
    expect(killCycle(true, true)).toEqual(['leader', 'frontend', 'leader', 'catalog', 'leader', 'replica']);
    expect(killCycle(true, false)).toEqual(['leader', 'catalog', 'leader', 'replica']);
  });
});

describe(actionFor.name, () => {
  it('kills only, unless pauses are asked for: then two kills and two pauses, in turn', () => {
    expect([0, 1, 2, 3, 4, 5].map((round) => actionFor(round, false))).toEqual(Array(6).fill('kill'));
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((round) => actionFor(round, true))).toEqual([
      'kill',
      'kill',
      'pause',
      'pause',
      'kill',
      'kill',
      'pause',
      'pause',
    ]);
  });
});
