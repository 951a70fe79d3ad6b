import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError } from '../errors';

export interface ErrorEnvelope {
  error: { code: number; message: string };
}

export interface ErrorReply {
  status: number;
  body: ErrorEnvelope;
  retryAfterSeconds?: number;
}

/** Errors raised by body parsers (express's body-parser, fastify) carry a status and a type. */
interface ParserError {
  status?: number;
  statusCode?: number;
  type?: string;
  code?: string;
}

function reply(status: number, message: string, retryAfterSeconds?: number): ErrorReply {
  return { status, body: { error: { code: status, message } }, retryAfterSeconds };
}

function httpExceptionMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string') return message;
  return exception.message;
}

function parserErrorMessage(error: ParserError, status: number): string {
  if (status === 413) return 'request body too large';
  if (error.type === 'entity.parse.failed' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return 'malformed JSON body';
  }
  if (status === 415) return 'unsupported content type';
  return 'bad request';
}

/** Maps anything thrown while handling a request to the `{"error":{code,message}}` envelope. */
export function toErrorReply(exception: unknown): ErrorReply {
  if (exception instanceof DomainError) {
    return reply(exception.status, exception.message, exception.retryAfterSeconds);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    // The same words whichever adapter refused the body.
    return reply(status, status === 413 ? 'request body too large' : httpExceptionMessage(exception));
  }
  const parser = (exception ?? {}) as ParserError;
  const status = parser.status ?? parser.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return reply(status, parserErrorMessage(parser, status));
  }
  return reply(HttpStatus.INTERNAL_SERVER_ERROR, 'internal error');
}
