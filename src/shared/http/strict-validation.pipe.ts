import { ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import { bodyShapeProblem } from './body-shape';

/**
 * A DTO class that names, without class-validator, bodies its decorators would accept as they are
 * (the common, valid ones). A body it does not name goes through class-validator, which also words
 * the refusal; so `accepts` may be stricter than the decorators, never looser (its unit test
 * checks the two against each other).
 */
export interface Prevalidated {
  accepts(body: object): boolean;
}

function prevalidated(metatype: unknown): metatype is Prevalidated & (new () => object) {
  return typeof (metatype as Partial<Prevalidated>).accepts === 'function';
}

/**
 * class-validator on a DTO, plus what it does not check itself: a body must be a JSON object
 * (not an array, a string or nothing), not nested deeply and without prototype keys (see
 * bodyShapeProblem), and no unknown fields or implicit type conversions. A body its DTO accepts
 * itself (Prevalidated) becomes the DTO without class-transformer and class-validator, which
 * cost a public trade's frontend about a tenth of its CPU at 50 clients (docs/PERFORMANCE.md).
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
    if (isDtoBody && prevalidated(metadata.metatype) && metadata.metatype.accepts(value as object)) {
      return Object.assign(new metadata.metatype(), value);
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
