import { parseLoadClientOptions, UsageError } from './load-options';

describe(parseLoadClientOptions.name, () => {
  it('reads the issue example', () => {
    const sut = parseLoadClientOptions(
      '--url http://127.0.0.1:3000/ --clients 5 --iterations 100 --p 0.4 --seed 7 --json'.split(' '),
    );
    expect(sut).toMatchObject({
      url: 'http://127.0.0.1:3000',
      clients: 5,
      iterations: 100,
      p: 0.4,
      seed: 7,
      json: true,
    });
  });

  it('has defaults, with a random seed', () => {
    const sut = parseLoadClientOptions([]);
    expect(sut).toMatchObject({ url: 'http://127.0.0.1:3000', clients: 5, iterations: 100, p: 0.4, json: false });
    expect(Number.isSafeInteger(sut.seed)).toBe(true);
  });

  it.each(['0', '1', '0.25', '.5', '1.0'])('accepts p = %s', (p) => {
    expect(parseLoadClientOptions(['--p', p]).p).toBe(Number(p));
  });

  it.each([
    [['--p', '1.5'], /--p must be/],
    [['--p', 'often'], /--p must be/],
    [['--clients', '0'], /--clients must be an integer from 1/],
    [['--iterations', '-3'], /--iterations/],
    [['--url', 'ftp://x'], /--url must be/],
    [['--what'], /Unknown option/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseLoadClientOptions(argv)).toThrow(UsageError);
    expect(() => parseLoadClientOptions(argv)).toThrow(message);
  });
});
