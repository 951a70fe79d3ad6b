import { BadRequestException, PipeTransform } from '@nestjs/common';
import { Schema, SchemaError } from './schema';

/**
 * Validates a value with a schema (`@Body(new SchemaPipe(schema))`); a refusal is a 400 that
 * names the field. `name` labels a single value such as a path parameter.
 */
export class SchemaPipe<T> implements PipeTransform<unknown, T> {
  constructor(
    private readonly schema: Schema<T>,
    private readonly name = '',
  ) {}

  transform(value: unknown): T {
    try {
      return this.schema(value, this.name);
    } catch (error) {
      if (error instanceof SchemaError) throw new BadRequestException(error.message);
      throw error;
    }
  }
}
