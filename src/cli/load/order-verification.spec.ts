import { JsonResponse } from './json-http';
import { PlacedOrder, verificationPassed } from './load.types';
import { combineChecks, duplicateNumbers, orderMismatch } from './order-verification';

const order: PlacedOrder = { number: 4, name: 'FishCo', type: 'buy', quantity: 2, client: 0 };

function answer(status: number, body: unknown): JsonResponse {
  return { status, body, headers: {}, latencyMs: 1 };
}

describe(orderMismatch.name, () => {
  it('accepts the same order', () => {
    const body = { data: { number: 4, name: 'FishCo', type: 'buy', quantity: 2 } };
    expect(orderMismatch(order, answer(200, body))).toBeUndefined();
  });

  it.each([
    ['another stock', { number: 4, name: 'BoarCo', type: 'buy', quantity: 2 }, '#4 buy 2 BoarCo'],
    ['another type', { number: 4, name: 'FishCo', type: 'sell', quantity: 2 }, '#4 sell 2 FishCo'],
    ['another quantity', { number: 4, name: 'FishCo', type: 'buy', quantity: 3 }, '#4 buy 3 FishCo'],
    ['another number', { number: 5, name: 'FishCo', type: 'buy', quantity: 2 }, '#5 buy 2 FishCo'],
  ])('reports %s', (_, data, expected) => {
    expect(orderMismatch(order, answer(200, { data }))).toBe(expected);
  });

  it('reports a missing order and a body without data', () => {
    expect(orderMismatch(order, answer(404, { error: { code: 404 } }))).toMatch(/^HTTP 404/);
    expect(orderMismatch(order, answer(200, 'hello'))).toMatch(/no data object/);
  });
});

describe(duplicateNumbers.name, () => {
  it('finds numbers given to two orders', () => {
    const orders = [order, { ...order, number: 5 }, { ...order, number: 4, client: 1 }];
    expect(duplicateNumbers(orders)).toEqual([4]);
    expect(duplicateNumbers([order])).toEqual([]);
  });
});

describe(combineChecks.name, () => {
  it('passes only without mismatches, unreachable orders or duplicates', () => {
    const clean = combineChecks([{ checked: 2, mismatches: [], unreachable: 0 }], [order, { ...order, number: 5 }]);
    expect(clean.matched).toBe(2);
    expect(verificationPassed(clean)).toBe(true);

    const lied = combineChecks(
      [{ checked: 1, mismatches: [{ expected: order, actual: 'x' }], unreachable: 0 }],
      [order],
    );
    expect(lied.matched).toBe(0);
    expect(verificationPassed(lied)).toBe(false);

    const lost = combineChecks([{ checked: 1, mismatches: [], unreachable: 1 }], [order]);
    expect(verificationPassed(lost)).toBe(false);

    const doubled = combineChecks([{ checked: 2, mismatches: [], unreachable: 0 }], [order, order]);
    expect(verificationPassed(doubled)).toBe(false);
  });
});
