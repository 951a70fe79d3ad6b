import { JsonResponse } from './json-http';
import { Mismatch, PlacedOrder, Verification } from './load.types';

function formatOrder(order: { number: unknown; name: unknown; type: unknown; quantity: unknown }): string {
  return `#${String(order.number)} ${String(order.type)} ${String(order.quantity)} ${String(order.name)}`;
}

/**
 * Why `GET /orders/{n}` disagrees with the acknowledged order, or undefined when it agrees.
 * Throws nothing: a wrong status or shape is a mismatch too.
 */
export function orderMismatch(expected: PlacedOrder, response: JsonResponse): string | undefined {
  if (response.status !== 200) return `HTTP ${response.status} ${JSON.stringify(response.body)}`;
  const data = (response.body as { data?: Record<string, unknown> } | undefined)?.data;
  if (data === undefined || data === null || typeof data !== 'object') {
    return `no data object in ${JSON.stringify(response.body)}`;
  }
  const same =
    data.number === expected.number &&
    data.name === expected.name &&
    data.type === expected.type &&
    data.quantity === expected.quantity;
  return same
    ? undefined
    : formatOrder({ number: data.number, name: data.name, type: data.type, quantity: data.quantity });
}

export function describeOrder(order: PlacedOrder): string {
  return formatOrder(order);
}

/** Transaction numbers acknowledged for more than one order, ascending. */
export function duplicateNumbers(orders: readonly PlacedOrder[]): number[] {
  const seen = new Set<number>();
  const duplicates = new Set<number>();
  for (const order of orders) {
    if (seen.has(order.number)) duplicates.add(order.number);
    seen.add(order.number);
  }
  return [...duplicates].sort((a, b) => a - b);
}

export interface SessionCheck {
  readonly checked: number;
  readonly mismatches: readonly Mismatch[];
  readonly unreachable: number;
}

/** One verdict for the whole run from every session's checks. */
export function combineChecks(checks: readonly SessionCheck[], orders: readonly PlacedOrder[]): Verification {
  const checked = checks.reduce((sum, check) => sum + check.checked, 0);
  const mismatches = checks.flatMap((check) => check.mismatches);
  const unreachable = checks.reduce((sum, check) => sum + check.unreachable, 0);
  return {
    checked,
    matched: checked - mismatches.length - unreachable,
    mismatches,
    unreachable,
    duplicateNumbers: duplicateNumbers(orders),
  };
}
