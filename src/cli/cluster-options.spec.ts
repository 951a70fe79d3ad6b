import { UsageError } from './args/cli-args';
import { parseClusterOptions } from './cluster-options';

describe(parseClusterOptions.name, () => {
  it('starts from port 3000 by default', () => {
    expect(parseClusterOptions([]).basePort).toBe(3000);
    expect(parseClusterOptions(['--base-port', '4000']).basePort).toBe(4000);
  });

  it('refuses a base port that puts any process on a port fetch and browsers refuse', () => {
    expect(() => parseClusterOptions(['--base-port', '6000'])).toThrow(
      '--base-port 6000 would put a process on port 6000, which fetch and browsers refuse to connect to; choose another',
    );
    // 5999 + 1: the catalog; 5899 + 101: replica 1; 5992 + 8: the fifth frontend.
    expect(() => parseClusterOptions(['--base-port', '5999'])).toThrow('on port 6000');
    expect(() => parseClusterOptions(['--base-port', '5899'])).toThrow('on port 6000');
    expect(() => parseClusterOptions(['--base-port', '5992', '--frontends', '5'])).toThrow('on port 6000');
    expect(parseClusterOptions(['--base-port', '5992', '--frontends', '4']).basePort).toBe(5992);
    expect(() => parseClusterOptions(['--base-port', '9979'])).toThrow(UsageError); // replica 1 on 10080
  });
});
