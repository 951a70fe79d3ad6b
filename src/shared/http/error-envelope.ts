import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, ErrorReason, WireError } from '../errors';

/** Public routes answer `{error: {code, message}}`; internal ones add the machine-readable `reason`. */
export interface ErrorEnvelope {
  error: { code: number; message: string } | WireError;
}

export interface ErrorReply {
  status: number;
  body: ErrorEnvelope;
  retryAfterSeconds?: number;
}

export type Audience = 'public' | 'internal';

/** Errors raised by body parsers (express's body-parser, fastify) carry a status and a type. */
interface ParserError {
  status?: number;
  statusCode?: number;
  type?: string;
  code?: string;
}

interface Described {
  status: number;
  reason: ErrorReason;
  message: string;
  retryAfterSeconds?: number;
}

const REASON_BY_STATUS: Record<number, ErrorReason> = {
  400: 'bad_request',
  401: 'unauthorized',
  404: 'not_found',
  413: 'too_large',
  415: 'bad_request',
};

const reasonOf = (status: number): ErrorReason =>
  REASON_BY_STATUS[status] ?? (status < 500 ? 'bad_request' : 'internal');

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

function describe(exception: unknown): Described {
  if (exception instanceof DomainError) {
    const { status, reason, message, retryAfterSeconds } = exception;
    return { status, reason, message, retryAfterSeconds };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    // The same words whichever adapter refused the body.
    const message = status === 413 ? 'request body too large' : httpExceptionMessage(exception);
    return { status, reason: reasonOf(status), message };
  }
  const parser = (exception ?? {}) as ParserError;
  const status = parser.status ?? parser.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, reason: reasonOf(status), message: parserErrorMessage(parser, status) };
  }
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, reason: 'internal', message: 'internal error' };
}

/** One item's failure inside a batch reply, shaped like an internal error body. */
export function toWireError(exception: unknown): WireError {
  const { status, reason, message } = describe(exception);
  return { code: status, reason, message };
}

/** Maps anything thrown while handling a request to the error envelope for its audience. */
export function toErrorReply(exception: unknown, audience: Audience = 'public'): ErrorReply {
  const { status, reason, message, retryAfterSeconds } = describe(exception);
  const error = audience === 'internal' ? { code: status, reason, message } : { code: status, message };
  return { status, body: { error }, retryAfterSeconds };
}
