import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ICD10_CATALOGUES } from './icd10/icd10-catalogues';
import { Icd10CatalogueLoader } from './loading/icd10-catalogue.loader';
import { ReferenceListsLoader } from './loading/reference-lists.loader';

/**
 * On start, load whatever code list the database lacks: the administrative units and ethnic groups
 * into empty tables, and each ICD-10 catalogue version not loaded yet. A failure stops the start:
 * diagnoses must not be recorded without the list that checks them.
 */
@Injectable()
export class TerminologyBootstrap implements OnApplicationBootstrap {
  constructor(
    private readonly lists: ReferenceListsLoader,
    private readonly icd10: Icd10CatalogueLoader,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.lists.loadEmpty();
    await this.icd10.loadMissing(ICD10_CATALOGUES);
  }
}
