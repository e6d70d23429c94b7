import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, Requires, type UserPrincipal } from '@benhan/api/core';
import type { Department } from '@benhan/shared/contracts';
import { CreateDepartmentDto } from '../dto/department.dto';
import { DepartmentsService } from './departments.service';

@ApiTags('departments')
@Controller('api/departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get()
  @Authenticated()
  list(@CurrentUser() user: UserPrincipal): Promise<Department[]> {
    return this.departments.list(user.facilityId);
  }

  @Get(':id')
  @Authenticated()
  get(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<Department> {
    return this.departments.get(user.facilityId, id);
  }

  @Post()
  @Requires('admin')
  create(@CurrentUser() user: UserPrincipal, @Body() body: CreateDepartmentDto): Promise<Department> {
    return this.departments.create(user.facilityId, body);
  }
}
