import { ApiProperty, ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
  IsUUID,
} from 'class-validator';
import type {
  Address,
  Guardian,
  IdentityStatus,
  InsuranceCard,
  MergePatientRequest,
  RegisterPatientRequest,
  Sex,
  TemporaryIdentityReason,
  UpdatePatientRequest,
} from '@benhan/shared/contracts';

const SEXES: Sex[] = ['male', 'female', 'other', 'unknown'];
const IDENTITY_STATUSES: IdentityStatus[] = ['verified', 'temporary'];
const TEMPORARY_REASONS: TemporaryIdentityReason[] = ['newborn', 'unidentified', 'foreigner'];

export class AddressDto implements Partial<Address> {
  @ApiPropertyOptional({ example: '01' }) @IsOptional() @Matches(/^\d{2}$/, { message: 'provinceCode must be a 2-digit 2025 province code' }) provinceCode?: string | null;
  @ApiPropertyOptional({ example: '00004' }) @IsOptional() @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit commune code' }) communeCode?: string | null;
  @ApiPropertyOptional({ example: '12 Phố Huế' }) @IsOptional() @IsString() @MaxLength(300) street?: string | null;
}

export class GuardianDto implements Guardian {
  @ApiProperty({ example: 'Nguyễn Văn Bình' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ example: 'Con trai' }) @IsString() @IsNotEmpty() @MaxLength(50) relationship!: string;
  @ApiProperty({ example: '0912345678', nullable: true }) @IsOptional() @IsString() @MaxLength(20) phone!: string | null;
}

export class InsuranceCardDto implements InsuranceCard {
  @ApiProperty({ example: 'DN4010123456789' }) @IsString() @MaxLength(20) number!: string;
  @ApiProperty({ example: '2026-01-01' }) @IsISO8601({ strict: true }) validFrom!: string;
  @ApiProperty({ example: '2026-12-31' }) @IsISO8601({ strict: true }) validTo!: string;
  @ApiProperty({ example: '01001', nullable: true }) @IsOptional() @Matches(/^\d{5}$/, { message: 'registeredFacilityCode must be the 5-digit MA_CSKCB' }) registeredFacilityCode!: string | null;
}

export class RegisterPatientDto implements RegisterPatientRequest {
  @ApiProperty({ example: 'Trịnh Thị Ngọc Ánh' }) @IsString() @MinLength(2) @MaxLength(200) fullName!: string;
  @ApiPropertyOptional({ example: '1990-05-17' }) @IsOptional() @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/) birthDate?: string | null;
  @ApiPropertyOptional({ example: 1990 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1880) @Max(2200) birthYear?: number | null;
  @ApiProperty({ enum: SEXES }) @IsIn(SEXES) sex!: Sex;
  @ApiPropertyOptional({ enum: IDENTITY_STATUSES, default: 'verified' }) @IsOptional() @IsIn(IDENTITY_STATUSES) identityStatus?: IdentityStatus;
  @ApiPropertyOptional({ enum: TEMPORARY_REASONS }) @IsOptional() @IsIn(TEMPORARY_REASONS) temporaryReason?: TemporaryIdentityReason | null;
  @ApiPropertyOptional({ example: '001190012345' }) @IsOptional() @IsString() @MaxLength(20) citizenId?: string | null;
  @ApiPropertyOptional({ example: '01' }) @IsOptional() @Matches(/^\d{2}$/, { message: 'ethnicityCode must be a 2-digit code (01–54)' }) ethnicityCode?: string | null;
  @ApiPropertyOptional({ example: 'VN', default: 'VN' }) @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'nationality must be an ISO 3166-1 alpha-2 code' }) nationality?: string;
  @ApiPropertyOptional({ example: 'Giáo viên' }) @IsOptional() @IsString() @MaxLength(200) occupation?: string | null;
  @ApiPropertyOptional({ type: AddressDto }) @IsOptional() @ValidateNested() @Type(() => AddressDto) address?: AddressDto | null;
  @ApiPropertyOptional({ example: '0912345678' }) @IsOptional() @IsString() @MaxLength(20) phone?: string | null;
  @ApiPropertyOptional({ type: GuardianDto }) @IsOptional() @ValidateNested() @Type(() => GuardianDto) guardian?: GuardianDto | null;
  @ApiPropertyOptional({ type: InsuranceCardDto }) @IsOptional() @ValidateNested() @Type(() => InsuranceCardDto) insuranceCard?: InsuranceCardDto | null;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() confirmDuplicate?: boolean;
}

export class UpdatePatientDto extends PartialType(OmitType(RegisterPatientDto, ['confirmDuplicate'] as const)) implements UpdatePatientRequest {
  @ApiProperty({ description: 'The version you read; a stale one gets 409' }) @Type(() => Number) @IsInt() @Min(1) version!: number;
}

export class MergePatientDto implements MergePatientRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() intoPatientId!: string;
  @ApiProperty({ example: 'Hồ sơ tạm của bệnh nhân cấp cứu, nay đã xác định danh tính' }) @IsString() @MinLength(5) @MaxLength(1000) reason!: string;
}
