import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Audience, toErrorReply } from './error-envelope';

export const INTERNAL_PREFIX = '/internal/';

/** The one place where errors become HTTP responses; adapter-agnostic through HttpAdapterHost. */
@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger(ErrorEnvelopeFilter.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const http = host.switchToHttp();
    const response: unknown = http.getResponse();
    const url = String(httpAdapter.getRequestUrl(http.getRequest()) ?? '');
    const audience: Audience = url.startsWith(INTERNAL_PREFIX) ? 'internal' : 'public';
    const reply = toErrorReply(exception, audience);
    if (reply.status >= 500 && !reply.retryAfterSeconds) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (reply.retryAfterSeconds) {
      httpAdapter.setHeader(response, 'Retry-After', String(reply.retryAfterSeconds));
    }
    httpAdapter.reply(response, reply.body, reply.status);
  }
}
