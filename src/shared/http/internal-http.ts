import { HttpService } from '@nestjs/axios';
import { Injectable } from '@nestjs/common';
import type { AxiosInstance } from 'axios';
import { errorFromReply, UnreachableError, WireError } from '../errors';

export interface InternalReply<T> {
  status: number;
  /** The `data` of a success envelope. */
  data?: T;
  /** The `error` of an error envelope. */
  error?: Partial<WireError>;
}

export interface CallOptions {
  /** Instead of the configured DOWNSTREAM_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Aborting it gives up the call (UnreachableError, as if it had timed out). */
  signal?: AbortSignal;
}

/** What our calls use of an instance's defaults: what internalAxiosConfig sets (the unit test checks). */
const USED_DEFAULTS = new Set([
  'adapter',
  'timeout',
  'httpAgent',
  'httpsAgent',
  'validateStatus',
  'transformRequest',
  'transformResponse',
  'headers',
]);

/**
 * Removes from an instance's defaults, in place, what our calls never use. Axios merges its
 * defaults into every call (`mergeConfig` copies and checks each key) and folds its per-method
 * header buckets into the call's headers: with the XSRF names, body limits, `transitional` options
 * and buckets gone, axios does less per call (docs/PERFORMANCE.md). In place: an instance's
 * `defaults` property is a copy of the reference its requests read, so assigning to it would change
 * nothing. The `Accept` header of the buckets goes with them: our services answer JSON whatever a
 * call accepts.
 */
export function pruneDefaults(defaults: AxiosInstance['defaults']): void {
  const all = defaults as unknown as Record<string, unknown>;
  for (const key of Object.keys(all)) if (!USED_DEFAULTS.has(key)) delete all[key];
  const headers = defaults.headers as unknown as Record<string, unknown>;
  // Header values are strings; the per-method buckets (`common`, `get`, `post`, …) are objects.
  for (const [name, value] of Object.entries(headers)) if (typeof value === 'object') delete headers[name];
}

interface Envelope<T> {
  data?: T;
  error?: Partial<WireError>;
}

/**
 * JSON over HTTP to another of our services, through @nestjs/axios's configured axios instance.
 * It calls the instance directly (`axiosRef`): HttpService's Observable wrapper cancels a
 * finished request's token on teardown, which builds an AxiosError (with its stack trace) on
 * every successful call.
 */
@Injectable()
export class InternalHttp {
  constructor(private readonly http: HttpService) {
    pruneDefaults(http.axiosRef.defaults);
  }

  /** The reply's data; a reply with an error becomes its domain error (see errorFromReply). */
  async call<T>(
    service: string,
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
    options?: CallOptions,
  ): Promise<T> {
    const reply = await this.request<T>(service, method, url, body, options);
    if (reply.status === 200 && reply.data !== undefined) return reply.data;
    throw errorFromReply(service, reply.error);
  }

  /** Every answer comes back with its status; only an unreachable or silent service throws (UnreachableError). */
  async request<T>(
    service: string,
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
    { timeoutMs, signal }: CallOptions = {},
  ): Promise<InternalReply<T>> {
    try {
      const response = await this.http.axiosRef.request<Envelope<T>>({
        method,
        url,
        data: body,
        ...(timeoutMs ? { timeout: timeoutMs } : {}),
        ...(signal ? { signal } : {}),
      });
      const payload: Envelope<T> = typeof response.data === 'object' && response.data !== null ? response.data : {};
      return { status: response.status, data: payload.data, error: payload.error };
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new UnreachableError(service, code === 'ETIMEDOUT' || code === 'ECONNABORTED' || code === 'ERR_CANCELED');
    }
  }
}
