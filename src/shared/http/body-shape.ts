/** Deeper than any body we accept: refused before class-transformer would recurse into it. */
export const MAX_BODY_DEPTH = 8;
/** Keys JSON.parse keeps as own properties but class-transformer silently drops. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Why a parsed JSON body must be refused before it reaches class-transformer, or undefined: nested
 * deeper than MAX_BODY_DEPTH (class-transformer would recurse until the stack overflows), or a key
 * that names a prototype (it would be dropped, and the rest of the body accepted). Iterative, so
 * hostile nesting cannot overflow it either; its work is bounded by the body size.
 */
export function bodyShapeProblem(body: unknown): string | undefined {
  const pending: { value: unknown; depth: number }[] = [{ value: body, depth: 0 }];
  while (pending.length > 0) {
    const { value, depth } = pending.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_BODY_DEPTH) return 'request body is nested too deeply';
    for (const key of Object.keys(value)) {
      if (PROTOTYPE_KEYS.has(key)) return `property ${key} should not exist`;
      pending.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return undefined;
}
