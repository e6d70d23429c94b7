import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  IMAGING_MODALITIES,
  INTERPRETATIONS,
  RESULT_STATUSES,
  type ImagingModality,
  type ImagingStudyInput,
  type Interpretation,
  type ObservationInput,
  type RecordResultRequest,
  type ResultStatus,
} from '@benhan/shared/contracts';

export class ReferenceRangeDto {
  @ApiPropertyOptional() @IsOptional() @IsNumber() low?: number | null;
  @ApiPropertyOptional() @IsOptional() @IsNumber() high?: number | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) text?: string | null;
}

export class ObservationInputDto implements ObservationInput {
  @ApiProperty({ example: '2823-3', description: 'LOINC, or the facility’s service code' }) @IsString() @MaxLength(30) code!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) display?: string | null;
  @ApiPropertyOptional({ example: 6.8 }) @IsOptional() @IsNumber() valueQuantity?: number | null;
  @ApiPropertyOptional({ example: 'mmol/L', description: 'UCUM' }) @IsOptional() @IsString() @MaxLength(20) unit?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) valueString?: string | null;
  @ApiPropertyOptional({ type: ReferenceRangeDto }) @IsOptional() @ValidateNested() @Type(() => ReferenceRangeDto) referenceRange?: ReferenceRangeDto | null;
  @ApiPropertyOptional({ enum: INTERPRETATIONS }) @IsOptional() @IsIn([...INTERPRETATIONS]) interpretation?: Interpretation | null;
  @ApiPropertyOptional({ enum: RESULT_STATUSES }) @IsOptional() @IsIn([...RESULT_STATUSES]) status?: ResultStatus;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) performer?: string | null;
}

export class ImagingStudyInputDto implements ImagingStudyInput {
  @ApiProperty({ example: '1.2.840.113619.2.55.3.604688119.969.1268071029.320' })
  @Matches(/^\d+(\.\d+)*$/, { message: 'studyInstanceUid must be a DICOM UID (digits and dots)' })
  @MaxLength(64)
  studyInstanceUid!: string;
  @ApiProperty({ enum: IMAGING_MODALITIES }) @IsIn([...IMAGING_MODALITIES]) modality!: ImagingModality;
  @ApiProperty() @IsInt() @Min(0) @Max(10_000) seriesCount!: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(1_000_000) instanceCount?: number | null;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) startedAt?: string | null;
  @ApiProperty({ example: 'https://pacs.example.vn/viewer?StudyInstanceUIDs=1.2.3' })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  endpointUrl!: string;
}

export class RecordResultDto implements RecordResultRequest {
  @ApiProperty({ description: 'The sender’s report id: the same message posted twice records once' }) @IsString() @MaxLength(100) @Matches(/\S/) externalId!: string;
  @ApiProperty({ enum: RESULT_STATUSES }) @IsIn([...RESULT_STATUSES]) status!: ResultStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() patientId?: string | null;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() encounterId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) issued?: string | null;
  @ApiPropertyOptional({ description: 'Specimen collection (lab) or study (imaging) time' }) @IsOptional() @IsISO8601({ strict: true }) effectiveAt?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) performer?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) conclusion?: string | null;
  @ApiPropertyOptional({ type: [ObservationInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ObservationInputDto)
  observations?: ObservationInputDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20_000) findings?: string | null;
  @ApiPropertyOptional({ type: ImagingStudyInputDto }) @IsOptional() @ValidateNested() @Type(() => ImagingStudyInputDto) study?: ImagingStudyInputDto | null;
}

export class ObservationQueryDto {
  @ApiProperty({ example: '2823-3', description: 'LOINC (or service code) of the test' }) @IsString() @MaxLength(30) code!: string;
}
