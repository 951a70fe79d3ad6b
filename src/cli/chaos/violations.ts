import { InvariantResult } from './invariants.types';

const MAX_LINES = 25;

/** Collects violation lines for one invariant, keeping the first few and counting the rest. */
export class Violations {
  private readonly lines: string[] = [];
  private dropped = 0;

  add(line: string): void {
    if (this.lines.length < MAX_LINES) this.lines.push(line);
    else this.dropped += 1;
  }

  result(id: number, name: string, summary: string): InvariantResult {
    const violations = this.dropped > 0 ? [...this.lines, `… and ${this.dropped} more`] : [...this.lines];
    return { id, name, pass: this.lines.length === 0, summary, violations };
  }
}

export function describeOrder(order: { name: string; type: string; quantity: number }): string {
  return `${order.type} ${order.quantity} ${order.name}`;
}

/** Values that occur more than once, each once. */
export function duplicates<T>(values: Iterable<T>): T[] {
  const seen = new Set<T>();
  const repeated = new Set<T>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
}
