import { HttpService } from '@nestjs/axios';
import { Injectable } from '@nestjs/common';
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
  constructor(private readonly http: HttpService) {}

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
