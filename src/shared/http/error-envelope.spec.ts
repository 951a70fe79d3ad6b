import { BadRequestException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { NoQuorumError, NotEnoughStockError, UpstreamUnavailableError } from '../errors';
import { toErrorReply, toWireError } from './error-envelope';

describe('toErrorReply', () => {
  it('maps a domain error to its status and message', () => {
    expect(toErrorReply(new NotEnoughStockError())).toEqual({
      status: 409,
      body: { error: { code: 409, message: 'not enough stock' } },
      retryAfterSeconds: undefined,
    });
  });

  it('asks for a retry on an unavailable upstream', () => {
    expect(toErrorReply(UpstreamUnavailableError.of('catalog'))).toEqual({
      status: 503,
      body: { error: { code: 503, message: 'catalog unavailable, retry later' } },
      retryAfterSeconds: 1,
    });
  });

  it('adds the machine-readable reason for internal callers only', () => {
    expect(toErrorReply(new NoQuorumError(), 'internal').body.error).toEqual({
      code: 503,
      reason: 'no_quorum',
      message: 'order service (no majority of replicas reachable) unavailable, retry later',
    });
    expect(toErrorReply(new UnauthorizedException('missing token'), 'internal').body.error).toEqual({
      code: 401,
      reason: 'unauthorized',
      message: 'missing token',
    });
    expect(toErrorReply(new NoQuorumError(), 'public').body.error).not.toHaveProperty('reason');
  });

  it('joins validation messages', () => {
    const reply = toErrorReply(new BadRequestException(['quantity must be an integer', 'type is bad']));
    expect(reply.body).toEqual({ error: { code: 400, message: 'quantity must be an integer; type is bad' } });
  });

  it('keeps the message of an unknown route', () => {
    expect(toErrorReply(new NotFoundException('Cannot GET /nope')).body.error).toEqual({
      code: 404,
      message: 'Cannot GET /nope',
    });
  });

  it('maps body-parser failures without leaking their text', () => {
    expect(toErrorReply({ status: 400, type: 'entity.parse.failed', message: 'Unexpected token' }).body.error).toEqual({
      code: 400,
      message: 'malformed JSON body',
    });
    expect(toErrorReply({ status: 413, type: 'entity.too.large' }).body.error).toEqual({
      code: 413,
      message: 'request body too large',
    });
  });

  it('hides unexpected errors behind a 500', () => {
    expect(toErrorReply(new Error('secret detail')).body).toEqual({ error: { code: 500, message: 'internal error' } });
    expect(toWireError(new Error('secret detail'))).toEqual({
      code: 500,
      reason: 'internal',
      message: 'internal error',
    });
  });
});
