import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { BreakGlassRequest } from '@benhan/shared/contracts';

export class BreakGlassDto implements BreakGlassRequest {
  @ApiProperty({ minLength: 10, example: 'Cấp cứu ngừng tuần hoàn, cần xem tiền sử dị ứng' })
  @IsString()
  @MinLength(10, { message: 'reason is mandatory for break-glass access: at least 10 characters' })
  @MaxLength(1000)
  reason!: string;
}
