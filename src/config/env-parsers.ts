import { ConfigError } from './config-error';

export type Env = Record<string, string | undefined>;

/** Reads one variable; an unset or empty value yields the fallback (undefined means required). */
function raw(env: Env, name: string, fallback?: string): string {
  const value = env[name]?.trim();
  if (value) return value;
  if (fallback !== undefined) return fallback;
  throw new ConfigError(name, 'is required');
}

export function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback?: T): T {
  if (fallback === undefined && !env[name]?.trim()) {
    throw new ConfigError(name, `is required: one of ${allowed.join(', ')}`);
  }
  const value = raw(env, name, fallback);
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got '${value}')`);
}

export function integer(env: Env, name: string, min: number, max: number, fallback?: number): number {
  const value = raw(env, name, fallback?.toString());
  const parsed = /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (Number.isSafeInteger(parsed) && parsed >= min && parsed <= max) return parsed;
  throw new ConfigError(name, `must be an integer from ${min} to ${max} (got '${value}')`);
}

export function boolean(env: Env, name: string, fallback: boolean): boolean {
  const value = raw(env, name, String(fallback)).toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ConfigError(name, `must be true or false (got '${value}')`);
}

export function url(env: Env, name: string, fallback: string): string {
  return checkedUrl(name, raw(env, name, fallback));
}

export function text(env: Env, name: string, fallback?: string): string {
  return raw(env, name, fallback);
}

export function checkedUrl(name: string, value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `must be an http(s) URL (got '${value}')`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(name, `must be an http(s) URL (got '${value}')`);
  }
  return value.replace(/\/+$/, '');
}
