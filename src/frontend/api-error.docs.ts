import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';

export class ErrorBody {
  @ApiProperty({ example: 404 }) code!: number;
  @ApiProperty({ example: 'stock not found' }) message!: string;
}

export class ErrorResponse {
  @ApiProperty({ type: ErrorBody }) error!: ErrorBody;
}

/** Documents an error answer of a public route, in the error envelope. */
export const ApiError = (status: number, message: string) =>
  applyDecorators(
    ApiResponse({
      status,
      type: ErrorResponse,
      description: message,
      example: { error: { code: status, message } },
    }),
  );
