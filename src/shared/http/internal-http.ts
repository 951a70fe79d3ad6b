import { HttpService } from '@nestjs/axios';
import { Injectable } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { UpstreamUnavailableError } from '../errors';

export interface InternalResponse<T> {
  status: number;
  /** The `data` of a success envelope, or undefined. */
  data: T | undefined;
  /** The message of an error envelope, or ''. */
  message: string;
}

interface Envelope<T> {
  data?: T;
  error?: { message?: string };
}

/**
 * JSON over HTTP to another of our services. Every answer comes back with its status;
 * only an unreachable or silent service becomes an error (UpstreamUnavailableError).
 */
@Injectable()
export class InternalHttp {
  constructor(private readonly http: HttpService) {}

  async request<T>(
    service: string,
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
    timeoutMs?: number,
  ): Promise<InternalResponse<T>> {
    try {
      const response = await firstValueFrom(
        this.http.request<Envelope<T>>({ method, url, data: body, ...(timeoutMs ? { timeout: timeoutMs } : {}) }),
      );
      const payload: Envelope<T> = typeof response.data === 'object' && response.data !== null ? response.data : {};
      return { status: response.status, data: payload.data, message: payload.error?.message ?? '' };
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new UpstreamUnavailableError(service, code === 'ETIMEDOUT' || code === 'ECONNABORTED');
    }
  }
}
