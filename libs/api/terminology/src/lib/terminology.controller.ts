import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated } from '@benhan/api/core';
import type { Commune, Ethnicity, Icd10Catalogue, Icd10Code, Icd10SearchResult, Province } from '@benhan/shared/contracts';
import { Icd10CatalogueQueryDto, Icd10SearchQueryDto } from './dto/icd10-query.dto';
import { TerminologyService } from './terminology.service';

/** Reference lists change only with a release: browsers may keep them for an hour. */
const CACHE_LIST = 'private, max-age=3600';

/** Reference code lists: any signed-in user may read them (pickers in every workspace). */
@ApiTags('terminology')
@Controller('api')
export class TerminologyController {
  constructor(private readonly terminology: TerminologyService) {}

  @Get('icd10')
  @Authenticated()
  searchIcd10(@Query() query: Icd10SearchQueryDto): Promise<Icd10SearchResult> {
    return this.terminology.searchIcd10(query);
  }

  @Get('icd10-catalogues')
  @Authenticated()
  listIcd10Catalogues(): Promise<Icd10Catalogue[]> {
    return this.terminology.listIcd10Catalogues();
  }

  @Get('icd10/:code')
  @Authenticated()
  getIcd10(@Param('code') code: string, @Query() query: Icd10CatalogueQueryDto): Promise<Icd10Code> {
    return this.terminology.getIcd10(code, query);
  }

  @Get('provinces')
  @Authenticated()
  @Header('Cache-Control', CACHE_LIST)
  listProvinces(): Promise<Province[]> {
    return this.terminology.listProvinces();
  }

  @Get('provinces/:code/communes')
  @Authenticated()
  @Header('Cache-Control', CACHE_LIST)
  listCommunes(@Param('code') code: string): Promise<Commune[]> {
    return this.terminology.listCommunes(code);
  }

  @Get('ethnicities')
  @Authenticated()
  @Header('Cache-Control', CACHE_LIST)
  listEthnicities(): Promise<Ethnicity[]> {
    return this.terminology.listEthnicities();
  }
}
