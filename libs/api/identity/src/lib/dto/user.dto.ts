import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { USER_ROLES, type CreateUserRequest, type DepartmentAssignment, type ResetPasswordRequest, type UpdateUserRequest, type UserRole } from '@benhan/shared/contracts';

export class DepartmentAssignmentDto implements DepartmentAssignment {
  @ApiProperty({ format: 'uuid' }) @IsUUID() departmentId!: string;
  @ApiProperty() @IsBoolean() isHead!: boolean;
}

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ example: 'bs.lan' })
  @IsString()
  @Matches(/^[a-z0-9._-]{3,64}$/, { message: 'username must be 3–64 lowercase letters, digits, dot, dash or underscore' })
  username!: string;
  @ApiProperty({ example: 'Trần Thị Lan' }) @IsString() @IsNotEmpty() @MaxLength(200) fullName!: string;
  @ApiProperty() @IsString() @MaxLength(256) password!: string;
  @ApiProperty({ enum: USER_ROLES, isArray: true }) @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(USER_ROLES, { each: true }) roles!: UserRole[];
  @ApiProperty({ type: [DepartmentAssignmentDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => DepartmentAssignmentDto) departments!: DepartmentAssignmentDto[];
  @ApiPropertyOptional({ example: '000123/HNO-CCHN' }) @IsOptional() @IsString() @MaxLength(64) practisingCertificateNo?: string | null;
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) fullName?: string;
  @ApiPropertyOptional({ enum: USER_ROLES, isArray: true }) @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(USER_ROLES, { each: true }) roles?: UserRole[];
  @ApiPropertyOptional({ type: [DepartmentAssignmentDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => DepartmentAssignmentDto) departments?: DepartmentAssignmentDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) practisingCertificateNo?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class ResetPasswordDto implements ResetPasswordRequest {
  @ApiProperty() @IsString() @MaxLength(256) newPassword!: string;
}

export class ListQueryDto {
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 50;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset = 0;
}

export class UserListQueryDto extends ListQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ enum: USER_ROLES }) @IsOptional() @IsIn(USER_ROLES) role?: UserRole;
  @ApiPropertyOptional() @IsOptional() @IsUUID() departmentId?: string;
}
