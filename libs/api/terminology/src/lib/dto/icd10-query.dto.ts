import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** Which ICD-10 catalogue version to read: by name, or the one in force on a day; default today's. */
export class Icd10CatalogueQueryDto {
  @ApiPropertyOptional({ description: 'Catalogue version, e.g. QD4469-BHYT' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  version?: string;

  @ApiPropertyOptional({ description: 'Day (YYYY-MM-DD) whose catalogue version applies, e.g. the encounter end date', example: '2026-05-31' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'at must be a date YYYY-MM-DD' })
  at?: string;
}

export class Icd10SearchQueryDto extends Icd10CatalogueQueryDto {
  @ApiPropertyOptional({ description: 'A code or its start (J18, J18.9, J189), or title words with or without diacritics (viem phoi)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;
}
