import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import {
  ORDER_PRIORITIES,
  type ActivateOrderRequest,
  type OrderCategory,
  type OrderPriority,
  type PlaceOrderRequest,
  type StatusReasonRequest,
} from '@benhan/shared/contracts';

const CATEGORIES: OrderCategory[] = ['laboratory', 'imaging'];
const ICD10 = /^[A-Z]\d{2}(\.[0-9A-Z]{1,2})?$/;

export class OrderReasonDto {
  @ApiPropertyOptional({ example: 'E11.9', description: 'ICD-10 code, checked against the catalogue valid today' })
  @IsOptional()
  @Matches(ICD10, { message: 'reason.code must look like an ICD-10 code (e.g. E11.9)' })
  code?: string | null;
  @ApiPropertyOptional({ example: 'Đái tháo đường típ 2' }) @IsOptional() @IsString() @MaxLength(500) text?: string | null;
}

export class PlaceOrderDto implements PlaceOrderRequest {
  @ApiProperty({ enum: CATEGORIES }) @IsIn(CATEGORIES) category!: OrderCategory;
  @ApiPropertyOptional({ enum: ORDER_PRIORITIES, default: 'routine' }) @IsOptional() @IsIn([...ORDER_PRIORITIES]) priority?: OrderPriority;
  @ApiProperty({ type: [String], example: ['HH-CBC', 'SH-LIPID'], description: 'Service codes of the catalogue (GET /api/order-catalogue/…)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(30, { each: true })
  items!: string[];
  @ApiPropertyOptional({ type: OrderReasonDto }) @IsOptional() @ValidateNested() @Type(() => OrderReasonDto) reason?: OrderReasonDto | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) clinicalNote?: string | null;
}

export class ActivateOrderDto implements ActivateOrderRequest {
  @ApiProperty({ description: 'The doctor’s signing PIN: activating an order signs it' }) @IsString() @MaxLength(12) pin!: string;
}

export class StatusReasonDto implements StatusReasonRequest {
  @ApiProperty({ minLength: 5 }) @IsString() @MinLength(5) @MaxLength(1000) reason!: string;
}
