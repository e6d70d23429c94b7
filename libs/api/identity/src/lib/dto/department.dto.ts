import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { CreateDepartmentRequest, Department } from '@benhan/shared/contracts';

const KINDS: Department['kind'][] = ['clinical', 'paraclinical', 'administrative'];

export class CreateDepartmentDto implements CreateDepartmentRequest {
  @ApiProperty({ example: 'NOI' }) @IsString() @Matches(/^[A-Za-z0-9_-]{1,20}$/) code!: string;
  @ApiProperty({ example: 'Khoa Nội tổng hợp' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiPropertyOptional({ example: 'Internal Medicine' }) @IsOptional() @IsString() @MaxLength(200) nameEn?: string | null;
  @ApiProperty({ enum: KINDS }) @IsIn(KINDS) kind!: Department['kind'];
}
