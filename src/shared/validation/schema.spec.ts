import { integer, integerText, list, oneOf, record, SchemaError, text } from './schema';

const order = record({ name: text(1, 4), quantity: integer(1, 10), type: oneOf(['buy', 'sell'] as const) });
const batch = record({ epoch: integer(1, 99), orders: list(order, 3) });
const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof SchemaError) return error.message;
    throw error;
  }
  throw new Error('accepted');
};

describe('schema', () => {
  it('returns a fresh copy of a valid value', () => {
    const input = { epoch: 2, orders: [{ name: 'Fish', quantity: 3, type: 'buy' }] };
    const parsed = batch(input, '');
    expect(parsed).toEqual(input);
    expect(parsed.orders[0]).not.toBe(input.orders[0]);
  });

  it('names the path of the first bad value', () => {
    const bad = {
      epoch: 2,
      orders: [
        { name: 'Fish', quantity: 3, type: 'buy' },
        { name: 'Fish', quantity: 0, type: 'buy' },
      ],
    };
    expect(refusal(() => batch(bad, ''))).toBe('orders[1].quantity must be an integer from 1 to 10');
    expect(refusal(() => batch({ epoch: 1.5, orders: [] }, ''))).toBe('epoch must be an integer from 1 to 99');
    expect(refusal(() => batch({ epoch: '1', orders: [] }, ''))).toBe('epoch must be an integer from 1 to 99');
    expect(refusal(() => batch({ epoch: 1 }, ''))).toBe('orders is required');
    expect(refusal(() => order({ name: '', quantity: 1, type: 'buy' }, ''))).toBe('name must be 1 to 4 characters');
    expect(refusal(() => order({ name: 'F', quantity: 1, type: 'hold' }, ''))).toBe('type must be one of buy, sell');
  });

  it('refuses extra keys, prototype keys included, before looking under them', () => {
    const deep = JSON.parse(`{"epoch":1,"orders":[],"x":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    expect(refusal(() => batch(deep, ''))).toBe('x is not an allowed field');
    const proto = JSON.parse('{"name":"F","quantity":1,"type":"buy","__proto__":{"admin":true}}');
    expect(refusal(() => order(proto, ''))).toBe('__proto__ is not an allowed field');
    expect(refusal(() => order({ name: 'F', quantity: 1, type: 'buy', constructor: 1 }, ''))).toBe(
      'constructor is not an allowed field',
    );
  });

  it('refuses non-objects and oversized lists', () => {
    expect(refusal(() => batch([], ''))).toBe('body must be a JSON object');
    expect(refusal(() => batch(null, ''))).toBe('body must be a JSON object');
    const four = Array.from({ length: 4 }, () => ({ name: 'F', quantity: 1, type: 'buy' }));
    expect(refusal(() => batch({ epoch: 1, orders: four }, ''))).toBe('orders must hold 0 to 3 items');
    expect(refusal(() => batch({ epoch: 1, orders: {} }, ''))).toBe('orders must be an array');
  });

  it('reads integers from query text, digits only', () => {
    const page = record({ after: integerText(-1, 100), limit: integerText(1, 10) });
    expect(page({ after: '-1', limit: '10' }, '')).toEqual({ after: -1, limit: 10 });
    expect(refusal(() => page({ after: '0x1', limit: '1' }, ''))).toBe('after must be an integer from -1 to 100');
    expect(refusal(() => page({ after: ' 1', limit: '1' }, ''))).toBe('after must be an integer from -1 to 100');
    expect(refusal(() => page({ after: '1', limit: '11' }, ''))).toBe('limit must be an integer from 1 to 10');
    expect(refusal(() => page({ after: '1' }, ''))).toBe('limit is required');
  });
});
