import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';

/**
 * What happened to a patient that systems outside Benhan must hear of: a signed order or its withdrawal, an admission,
 * a transfer, a discharge, a change of the patient's own data. Domains publish these inside the transaction that made the
 * change; subscribers (the HL7 v2 outbox) write what they need in that same transaction, so the change and the news of it
 * commit, or roll back, together.
 */
export type ClinicalEvent =
  | { readonly type: 'order_activated'; readonly facilityId: string; readonly orderId: string; readonly patientId: string; readonly at: Date }
  | { readonly type: 'order_cancelled'; readonly facilityId: string; readonly orderId: string; readonly patientId: string; readonly reason: string; readonly at: Date; readonly by: string }
  | { readonly type: 'patient_admitted'; readonly facilityId: string; readonly encounterId: string; readonly patientId: string; readonly at: Date; readonly by: string | null }
  | {
      readonly type: 'patient_transferred';
      readonly facilityId: string;
      readonly encounterId: string;
      readonly patientId: string;
      readonly from: { readonly departmentId: string; readonly bedId: string | null };
      readonly at: Date;
      readonly by: string;
    }
  | { readonly type: 'patient_discharged'; readonly facilityId: string; readonly encounterId: string; readonly patientId: string; readonly at: Date; readonly by: string }
  | { readonly type: 'patient_updated'; readonly facilityId: string; readonly patientId: string; readonly at: Date; readonly by: string };

export type ClinicalEventType = ClinicalEvent['type'];

export interface ClinicalEventSubscriber {
  /** Runs inside the publisher's transaction: a throw rolls the change back. */
  onClinicalEvent(em: EntityManager, event: ClinicalEvent): Promise<void>;
}

/** The in-process bus for ClinicalEvent: domains publish, interfaces subscribe (no domain depends on an interface). */
@Injectable()
export class ClinicalEvents {
  private readonly subscribers: ClinicalEventSubscriber[] = [];
  private readonly withholding = new AsyncLocalStorage<true>();

  subscribe(subscriber: ClinicalEventSubscriber): void {
    if (!this.subscribers.includes(subscriber)) this.subscribers.push(subscriber);
  }

  /**
   * Runs `work` without announcing what it does: the demo seed writes a made-up past (admissions, orders already resulted)
   * that no LIS or PACS should receive as news.
   */
  withheld<T>(work: () => Promise<T>): Promise<T> {
    return this.withholding.run(true, work);
  }

  async publish(em: EntityManager, event: ClinicalEvent): Promise<void> {
    if (!em.queryRunner?.isTransactionActive) throw new Error(`ClinicalEvent ${event.type} published outside a transaction`);
    if (this.withholding.getStore()) return;
    for (const subscriber of this.subscribers) await subscriber.onClinicalEvent(em, event);
  }
}
