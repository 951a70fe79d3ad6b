import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../config/app-config';

export const INTERNAL_TOKEN_HEADER = 'x-internal-token';

/** Internal routes answer only to callers that carry the cluster's shared secret. */
@Injectable()
export class InternalTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(config: AppConfig) {
    this.expected = Buffer.from(config.internalToken);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>();
    const presented = request.headers[INTERNAL_TOKEN_HEADER];
    const given = Buffer.from(typeof presented === 'string' ? presented : '');
    if (given.length === this.expected.length && timingSafeEqual(given, this.expected)) return true;
    throw new UnauthorizedException('missing or wrong internal token');
  }
}
