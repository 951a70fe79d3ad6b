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

/** A comma-separated list of http(s) URLs, at least one, none repeated (trailing slashes dropped). */
export function urlList(env: Env, name: string, fallback: string): readonly string[] {
  const urls = raw(env, name, fallback)
    .split(',')
    .map((part) => checkedUrl(name, part.trim()));
  if (new Set(urls).size !== urls.length) throw new ConfigError(name, 'must not list a URL twice');
  return Object.freeze(urls);
}

/** A PostgreSQL connection URL: postgres:// or postgresql://, with a host or a socket folder. */
export function postgresUrl(env: Env, name: string): string {
  const value = raw(env, name);
  let parsed: URL | undefined;
  try {
    parsed = new URL(value);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')) {
    throw new ConfigError(name, `must be a postgres:// or postgresql:// URL (got '${redacted(value)}')`);
  }
  return value;
}

/** A URL with its password replaced, for error messages. */
function redacted(value: string): string {
  return value.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
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
