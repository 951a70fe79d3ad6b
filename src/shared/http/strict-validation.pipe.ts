import { ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import { bodyShapeProblem } from './body-shape';

/**
 * class-validator on a DTO, plus what it does not check itself: a body must be a JSON object
 * (not an array, a string or nothing), not nested deeply and without prototype keys (see
 * bodyShapeProblem), and no unknown fields or implicit type conversions.
 */
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      stopAtFirstError: true,
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isDtoBody =
      metadata.type === 'body' && typeof metadata.metatype === 'function' && metadata.metatype !== Object;
    if (isDtoBody && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new BadRequestException('request body must be a JSON object');
    }
    const problem = isDtoBody ? bodyShapeProblem(value) : undefined;
    if (problem) throw new BadRequestException(problem);
    return super.transform(value, metadata);
  }

  /** Path and query values stay strings for their own pipes: `+value` would turn '0x1' or ' 1' into 1. */
  protected override transformPrimitive(value: unknown): unknown {
    return value;
  }
}
