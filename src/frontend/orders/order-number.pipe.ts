import { BadRequestException, PipeTransform } from '@nestjs/common';

/** A transaction number in a path: digits only, within the safe integer range. */
export class OrderNumberPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const number = /^\d{1,15}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(number)) throw new BadRequestException('order number must be a non-negative integer');
    return number;
  }
}
