import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { SECURITY_EVENT_TYPES, type SecurityEventType } from '@benhan/shared/contracts';
import { ListQueryDto } from './user.dto';

export class SecurityEventQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: SECURITY_EVENT_TYPES }) @IsOptional() @IsIn(SECURITY_EVENT_TYPES) type?: SecurityEventType;
  @ApiPropertyOptional() @IsOptional() @IsUUID() userId?: string;
}
