import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClinicalEvents, Clock, type ClinicalEvent, type ClinicalEventSubscriber } from '@benhan/api/core';
import type { InterfaceDestinationName } from '@benhan/shared/contracts';
import type { Hl7MessageBuilder } from '../codec/builder';
import { HL7V2_OPTIONS, type Hl7DestinationOptions, type Hl7v2Options } from '../hl7v2.options';
import { Hl7MessageEntity } from '../inbound/hl7-message.entity';
import { buildAdtMessage, buildOrderMessage, type AdtTrigger, type MessageEnvelope, type VisitSnapshot } from './outbound-messages';
import { pendingOutboundRow } from './outbox-row';
import { OutboundSnapshots } from './snapshots';

/** What a queued message is about, for the log's searches and the sender's per-patient order. */
interface Subject {
  readonly facilityId: string;
  readonly patientId: string;
  readonly encounterId: string | null;
  readonly orderId: string | null;
  readonly event: ClinicalEvent['type'];
}

/**
 * The outbox's writing half: turns each clinical event into the HL7 v2 messages the configured destinations need and writes
 * them as `pending` rows of the message log, in the transaction that published the event. The sender delivers them later.
 * - An order goes to the department that performs it: laboratory → LIS (OML^O21 or ORM^O01), imaging → PACS/RIS (ORM^O01).
 * - Admission (A01, A04 for an outpatient visit), transfer (A02), discharge (A03) and a change of the patient's data (A08)
 *   go to every destination: the LIS and the RIS both keep the patient's location for their worklists and reports.
 */
@Injectable()
export class OutboxWriter implements ClinicalEventSubscriber, OnModuleInit {
  constructor(
    private readonly events: ClinicalEvents,
    private readonly clock: Clock,
    @Inject(HL7V2_OPTIONS) private readonly options: Hl7v2Options,
  ) {}

  onModuleInit(): void {
    this.events.subscribe(this);
  }

  async onClinicalEvent(em: EntityManager, event: ClinicalEvent): Promise<void> {
    if (!this.options.destinations.length) return;
    const snapshots = new OutboundSnapshots(em);
    const facility = await snapshots.facility(event.facilityId);
    const envelope = (destination: Hl7DestinationOptions): MessageEnvelope => ({
      facilityCode: facility.code,
      facilityName: facility.name,
      sendingApplication: this.options.sendingApplication,
      receivingApplication: destination.receivingApplication,
      receivingFacility: destination.receivingFacility,
      at: event.at,
    });

    if (event.type === 'order_activated' || event.type === 'order_cancelled') {
      const order = await snapshots.order(event.orderId);
      const destination = this.destination(order.category === 'imaging' ? 'pacs' : 'lis');
      if (!destination) return;
      const [patient, visit] = await Promise.all([snapshots.patient(event.patientId), snapshots.visit(order.encounterId)]);
      const messageType = destination.name === 'pacs' ? 'ORM^O01' : destination.orderMessage;
      const message = buildOrderMessage(envelope(destination), {
        messageType,
        control: event.type === 'order_activated' ? 'NW' : 'CA',
        patient,
        visit,
        order,
        cancelReason: event.type === 'order_cancelled' ? event.reason : undefined,
      });
      await this.enqueue(em, destination, message, { facilityId: event.facilityId, patientId: event.patientId, encounterId: order.encounterId, orderId: order.id, event: event.type }, { messageType, facilityCode: facility.code });
      return;
    }

    const patient = await snapshots.patient(event.patientId);
    let visit: VisitSnapshot | null;
    let trigger: AdtTrigger;
    let priorLocation;
    if (event.type === 'patient_updated') {
      visit = await snapshots.currentVisit(event.patientId);
      trigger = 'A08';
    } else {
      visit = await snapshots.visit(event.encounterId);
      if (event.type === 'patient_admitted') trigger = visit.type === 'inpatient' ? 'A01' : 'A04';
      else if (event.type === 'patient_discharged') trigger = 'A03';
      else {
        trigger = 'A02';
        priorLocation = await snapshots.location(event.from.departmentId, event.from.bedId);
      }
    }
    const operator = await snapshots.person(event.by);
    for (const destination of this.options.destinations) {
      const message = buildAdtMessage(envelope(destination), { trigger, patient, visit, priorLocation, operator });
      await this.enqueue(em, destination, message, {
        facilityId: event.facilityId,
        patientId: event.patientId,
        encounterId: visit?.encounterId ?? null,
        orderId: null,
        event: event.type,
      }, { messageType: `ADT^${trigger}`, facilityCode: facility.code });
    }
  }

  private destination(name: InterfaceDestinationName): Hl7DestinationOptions | undefined {
    return this.options.destinations.find((d) => d.name === name);
  }

  private async enqueue(em: EntityManager, destination: Hl7DestinationOptions, message: Hl7MessageBuilder, subject: Subject, header: { messageType: string; facilityCode: string }): Promise<void> {
    const row = pendingOutboundRow(
      {
        facilityId: subject.facilityId,
        destination: destination.name,
        messageType: header.messageType,
        controlId: message.controlId,
        sendingApplication: this.options.sendingApplication,
        sendingFacility: header.facilityCode,
        patientId: subject.patientId,
        orderId: subject.orderId,
        encounterId: subject.encounterId,
        event: subject.event,
        raw: message.toBuffer(),
      },
      this.clock.now(),
    );
    await em.getRepository(Hl7MessageEntity).insert(row);
  }
}
