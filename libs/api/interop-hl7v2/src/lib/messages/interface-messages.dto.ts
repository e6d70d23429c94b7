import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  INTERFACE_DESTINATIONS,
  INTERFACE_MESSAGE_DIRECTIONS,
  INTERFACE_MESSAGE_STATUSES,
  type InterfaceDestinationName,
  type InterfaceMessageDirection,
  type InterfaceMessageQuery,
  type InterfaceMessageStatus,
  type ReplayInterfaceMessageRequest,
} from '@benhan/shared/contracts';

export class InterfaceMessageQueryDto implements InterfaceMessageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() patientId?: string;
  @ApiPropertyOptional({ example: 'ORU^R01', description: 'MSH-9 (`ORU^R01`) or its code (`ORU`)' })
  @IsOptional()
  @Matches(/^[A-Z0-9]{3}(\^[A-Z0-9]{3})?$/, { message: 'type must be a message code such as ORU or ORU^R01' })
  type?: string;
  @ApiPropertyOptional({ description: 'MSH-10' }) @IsOptional() @IsString() @MaxLength(200) controlId?: string;
  @ApiPropertyOptional({ enum: INTERFACE_MESSAGE_STATUSES }) @IsOptional() @IsIn([...INTERFACE_MESSAGE_STATUSES]) status?: InterfaceMessageStatus;
  @ApiPropertyOptional({ enum: INTERFACE_MESSAGE_DIRECTIONS }) @IsOptional() @IsIn([...INTERFACE_MESSAGE_DIRECTIONS]) direction?: InterfaceMessageDirection;
  @ApiPropertyOptional({ enum: INTERFACE_DESTINATIONS, description: 'Outbound messages to this destination' })
  @IsOptional()
  @IsIn([...INTERFACE_DESTINATIONS])
  destination?: InterfaceDestinationName;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class ReplayInterfaceMessageDto implements ReplayInterfaceMessageRequest {
  @ApiPropertyOptional({ description: 'The corrected message (segments separated by CR or line breaks); absent: replayed as received' })
  @IsOptional()
  @IsString()
  @MaxLength(1_000_000)
  text?: string | null;
}
