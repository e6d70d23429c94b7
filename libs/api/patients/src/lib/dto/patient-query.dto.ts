import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ListQueryDto } from '@benhan/api/identity';

export class PatientQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Name (with or without diacritics), patient code or CCCD' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
