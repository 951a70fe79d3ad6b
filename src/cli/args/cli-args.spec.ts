import { enumFlag, integerFlag, numberFlag, parseFlags, UsageError } from './cli-args';

describe(parseFlags.name, () => {
  it('answers the values and adds -h, --help', () => {
    const sut = parseFlags(['--size', '3', '--on', '-h'], { size: { type: 'string' }, on: { type: 'boolean' } });
    expect(sut).toEqual({ size: '3', on: true, help: true });
  });

  it('turns unknown flags and positionals into UsageErrors', () => {
    expect(() => parseFlags(['--nope'], {})).toThrow(UsageError);
    expect(() => parseFlags(['stray'], {})).toThrow(UsageError);
  });
});

describe(integerFlag.name, () => {
  it('answers undefined when the flag is absent and the number when it is in range', () => {
    expect(integerFlag('--n', undefined, 1, 10)).toBeUndefined();
    expect(integerFlag('--n', '10', 1, 10)).toBe(10);
  });

  it.each(['0', '11', '1.5', '-1', '1e1', ' 2', ''])('refuses %j', (value) => {
    expect(() => integerFlag('--n', value, 1, 10)).toThrow(`--n must be an integer from 1 to 10 (got '${value}')`);
  });
});

describe(numberFlag.name, () => {
  it('reads plain decimals in range', () => {
    expect(numberFlag('--p', undefined, 0, 1)).toBeUndefined();
    expect(numberFlag('--p', '.5', 0, 1)).toBe(0.5);
    expect(numberFlag('--p', '1.', 0, 1)).toBe(1);
  });

  it.each(['1.1', '-0.1', 'abc', '1e-1'])('refuses %j', (value) => {
    expect(() => numberFlag('--p', value, 0, 1)).toThrow(`--p must be a number from 0 to 1 (got '${value}')`);
  });
});

describe(enumFlag.name, () => {
  it('answers one of the allowed values or refuses', () => {
    expect(enumFlag('--mode', undefined, ['a', 'b'])).toBeUndefined();
    expect(enumFlag('--mode', 'b', ['a', 'b'])).toBe('b');
    expect(() => enumFlag('--mode', 'c', ['a', 'b'])).toThrow("--mode must be one of a, b (got 'c')");
  });
});
