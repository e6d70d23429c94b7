import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DocumentsService } from '../documents.service';
import { TREATMENT_SHEET_FORM, medicationOrderLines, type TreatmentOrderLine, type TreatmentOrders } from './treatment-orders.port';

/**
 * The treatment-orders port over the documents domain: the latest version of each of the encounter's
 * treatment sheets, read by DocumentsService. DocumentsModule imports CareChartModule, so CareChartModule
 * cannot import DocumentsModule back without a module cycle; the service is looked up in the application
 * (non-strict) when first needed instead.
 */
@Injectable()
export class DocumentsTreatmentOrders implements TreatmentOrders {
  private documents: DocumentsService | null = null;

  constructor(private readonly moduleRef: ModuleRef) {}

  async orderLines(facilityId: string, encounterId: string): Promise<TreatmentOrderLine[]> {
    const documents = this.documents ?? this.moduleRef.get(DocumentsService, { strict: false });
    if (!documents) throw new Error('DocumentsService is not registered in this application');
    this.documents = documents;
    return medicationOrderLines(await documents.latestContents(facilityId, encounterId, TREATMENT_SHEET_FORM));
  }
}
