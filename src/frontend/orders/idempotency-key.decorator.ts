import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';

/** The optional `Idempotency-Key` header: 1 to 128 visible ASCII characters, or undefined. */
export function parseIdempotencyKey(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && /^[\x21-\x7e]{1,128}$/.test(value)) return value;
  throw new BadRequestException('Idempotency-Key must be 1 to 128 visible ASCII characters');
}

export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext) =>
  parseIdempotencyKey(
    context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers['idempotency-key'],
  ),
);
