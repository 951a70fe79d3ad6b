import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { toErrorReply } from './error-envelope';

/** The one place where errors become HTTP responses; adapter-agnostic through HttpAdapterHost. */
@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger(ErrorEnvelopeFilter.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const response: unknown = host.switchToHttp().getResponse();
    const reply = toErrorReply(exception);
    if (reply.status >= 500 && !reply.retryAfterSeconds) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (reply.retryAfterSeconds) {
      httpAdapter.setHeader(response, 'Retry-After', String(reply.retryAfterSeconds));
    }
    httpAdapter.reply(response, reply.body, reply.status);
  }
}
