import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import type {
  AdmissionSource,
  AdmitRequest,
  ConcludeOutpatientVisitRequest,
  DiagnosisRole,
  DischargeOutcome,
  DischargeRequest,
  DischargeType,
  OpenOutpatientVisitRequest,
  OutpatientConclusion,
  TransferRequest,
} from '@benhan/shared/contracts';

const SOURCES: AdmissionSource[] = ['emergency', 'outpatient', 'referral'];
const OUTCOMES: DischargeOutcome[] = ['recovered', 'improved', 'unchanged', 'worse', 'died'];
const DISCHARGE_TYPES: DischargeType[] = ['discharged', 'referred', 'left_against_advice', 'requested'];
const ROLES: DiagnosisRole[] = ['admission', 'principal', 'secondary', 'discharge'];
const CONCLUSIONS: OutpatientConclusion[] = ['home_treatment', 'admitted', 'referred', 'follow_up'];
const ICD10 = /^[A-Z]\d{2}(\.\d{1,2})?$/;

export class DiagnosisInputDto {
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: DiagnosisRole;
  @ApiProperty({ example: 'J18.9' }) @Matches(ICD10, { message: 'code must look like an ICD-10 code (e.g. J18.9)' }) code!: string;
}

export class VersionDto {
  @ApiProperty({ description: 'The version you read; a stale one gets 409' }) @Type(() => Number) @IsInt() @Min(1) version!: number;
}

export class OpenOutpatientVisitDto implements OpenOutpatientVisitRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() patientId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() departmentId!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) reason?: string | null;
}

export class AdmitToDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() departmentId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() bedId?: string | null;
}

export class ConcludeOutpatientVisitDto extends VersionDto implements ConcludeOutpatientVisitRequest {
  @ApiProperty({ enum: CONCLUSIONS }) @IsIn(CONCLUSIONS) conclusion!: OutpatientConclusion;
  @ApiProperty({ type: [DiagnosisInputDto] }) @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => DiagnosisInputDto) diagnoses!: DiagnosisInputDto[];
  @ApiPropertyOptional({ type: AdmitToDto }) @IsOptional() @ValidateNested() @Type(() => AdmitToDto) admitTo?: AdmitToDto | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) referredTo?: string | null;
  @ApiPropertyOptional({ example: '2026-12-10' }) @IsOptional() @IsISO8601({ strict: true }) followUpDate?: string | null;
}

export class AdmitDto implements AdmitRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() patientId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() departmentId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() bedId?: string | null;
  @ApiProperty({ enum: SOURCES }) @IsIn(SOURCES) source!: AdmissionSource;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() attendingDoctorId?: string | null;
  @ApiPropertyOptional({ example: 'J18.9' }) @IsOptional() @Matches(ICD10, { message: 'admissionDiagnosis must look like an ICD-10 code' }) admissionDiagnosis?: string | null;
}

export class TransferDto extends VersionDto implements TransferRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() departmentId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() bedId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) reason?: string | null;
}

export class DischargeDto extends VersionDto implements DischargeRequest {
  @ApiProperty({ enum: OUTCOMES }) @IsIn(OUTCOMES) outcome!: DischargeOutcome;
  @ApiProperty({ enum: DISCHARGE_TYPES }) @IsIn(DISCHARGE_TYPES) type!: DischargeType;
  @ApiProperty({ type: [DiagnosisInputDto] }) @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => DiagnosisInputDto) diagnoses!: DiagnosisInputDto[];
}

export class EncounterQueryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() patientId!: string;
}

export class CensusQueryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() departmentId!: string;
}
