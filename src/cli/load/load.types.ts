export type RequestKind = 'lookup' | 'trade' | 'orderQuery';
export type TradeType = 'buy' | 'sell';

export const REQUEST_KINDS: readonly RequestKind[] = ['lookup', 'trade', 'orderQuery'];

export const REQUEST_LABELS: Readonly<Record<RequestKind, string>> = {
  lookup: 'lookup',
  trade: 'trade',
  orderQuery: 'order query',
};

/** One client request as the client saw it, retries included. */
export interface RequestSample {
  readonly kind: RequestKind;
  readonly client: number;
  /** Milliseconds since the run started. */
  readonly at: number;
  readonly latencyMs: number;
  /** The final HTTP status (0: no answer). */
  readonly status: number;
  /** Whether the request got the answer it should (409 `not enough stock` counts as answered). */
  readonly ok: boolean;
  readonly retries: number;
}

/** An order the server acknowledged with a transaction number. */
export interface PlacedOrder {
  readonly number: number;
  readonly name: string;
  readonly type: TradeType;
  readonly quantity: number;
  readonly client: number;
}

export interface Mismatch {
  readonly expected: PlacedOrder;
  /** What `GET /orders/{n}` answered, or why it could not be read. */
  readonly actual: string;
}

export interface Verification {
  readonly checked: number;
  readonly matched: number;
  readonly mismatches: readonly Mismatch[];
  /** Orders whose query never got an answer (after retries). */
  readonly unreachable: number;
  /** Transaction numbers handed to more than one acknowledged order. */
  readonly duplicateNumbers: readonly number[];
}

export function verificationPassed(verification: Verification): boolean {
  return (
    verification.mismatches.length === 0 && verification.unreachable === 0 && verification.duplicateNumbers.length === 0
  );
}
