/**
 * Strict, allocation-light validation for internal bodies (replication batches, trade batches),
 * where class-transformer and class-validator cost more than the work itself. A schema checks
 * a parsed JSON value and returns a fresh, typed copy: exact keys (no extra ones, `__proto__`
 * included), exact types, bounded sizes. Work is bounded by the schema, not by the input: an
 * unknown key is refused before anything under it is looked at.
 */
export class SchemaError extends Error {}

export type Schema<T> = (value: unknown, path: string) => T;

type Fields<T> = { readonly [K in keyof T]: Schema<T[K]> };

const at = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

const fail = (path: string, message: string): never => {
  throw new SchemaError(`${path || 'body'} ${message}`);
};

export function integer(min: number, max: number): Schema<number> {
  return (value, path) =>
    Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max
      ? (value as number)
      : fail(path, `must be an integer from ${min} to ${max}`);
}

/** An integer written in decimal digits, as query parameters come (`'12'`, `'-1'`). */
export function integerText(min: number, max: number): Schema<number> {
  const parse = integer(min, max);
  return (value, path) =>
    typeof value === 'string' && /^-?\d{1,16}$/.test(value)
      ? parse(Number(value), path)
      : fail(path, `must be an integer from ${min} to ${max}`);
}

/** A string of `min`…`max` characters, optionally matching `pattern` (described by `what`). */
export function text(min: number, max: number, pattern?: RegExp, what = 'characters'): Schema<string> {
  return (value, path) =>
    typeof value === 'string' && value.length >= min && value.length <= max && (!pattern || pattern.test(value))
      ? value
      : fail(path, `must be ${min} to ${max} ${what}`);
}

export function oneOf<T extends string>(values: readonly T[]): Schema<T> {
  return (value, path) =>
    (values as readonly unknown[]).includes(value) ? (value as T) : fail(path, `must be one of ${values.join(', ')}`);
}

export function list<T>(item: Schema<T>, maxLength: number, minLength = 0): Schema<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) return fail(path, 'must be an array');
    if (value.length < minLength || value.length > maxLength) {
      return fail(path, `must hold ${minLength} to ${maxLength} items`);
    }
    return value.map((element, index) => item(element, at(path, index)));
  };
}

export function record<T>(fields: Fields<T>): Schema<T> {
  const names = Object.keys(fields) as (keyof T & string)[];
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(path, 'must be a JSON object');
    const source = value as Record<string, unknown>;
    for (const key of Object.keys(source)) {
      if (!Object.prototype.hasOwnProperty.call(fields, key)) fail(at(path, key), 'is not an allowed field');
    }
    const result = {} as T;
    for (const name of names) {
      if (!Object.prototype.hasOwnProperty.call(source, name)) fail(at(path, name), 'is required');
      result[name] = fields[name](source[name], at(path, name));
    }
    return result;
  };
}
