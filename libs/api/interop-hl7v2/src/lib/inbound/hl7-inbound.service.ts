import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, type ClientPrincipal } from '@benhan/api/core';
import { SystemClientEntity } from '@benhan/api/identity';
import { FulfilmentService, OrderError, OrderItemEntity, OrdersService, RESULTS_WRITE_SCOPE, ResultsService } from '@benhan/api/orders';
import { PatientsService } from '@benhan/api/patients';
import type { InterfaceAckCode, InterfaceMessageStatus } from '@benhan/shared/contracts';
import { buildAck, type Hl7ErrorLocation } from '../codec/ack';
import { decodeHl7Bytes } from '../codec/charset';
import { Hl7ParseError } from '../codec/hl7.errors';
import { Hl7Message } from '../codec/message';
import { HL7V2_OPTIONS, type Hl7v2Options } from '../hl7v2.options';
import { Hl7MessageEntity } from './hl7-message.entity';
import { formatLocation, Hl7InboundError } from './inbound.errors';
import {
  patientIdentifiers,
  placerOrderNumber,
  readOruGroups,
  toImagingRequest,
  toLabRequest,
  toSpecimenRequest,
  type ImagingMapping,
  type LabMapping,
  type OruGroup,
  type SegmentRef,
} from './oru-mapping';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** v2.3 to v2.5.1 is what issue 9 asks; later 2.x keep ORU^R01's shape, so they are read too. */
const VERSION = /^2\.([3-9])(\.\d+)*$/;
/** MSA-3 is ST(80) in v2.5.1: the full sentence goes to ERR-8. */
const MSA3_LENGTH = 80;

/** Where a message came from: the wire (with the peer's address) or an administrator's replay of a quarantined one. */
export interface InboundContext {
  readonly receivedAt: Date;
  readonly remoteAddress: string | null;
  readonly replay?: { readonly originalId: string; readonly userId: string; readonly clientId: string | null };
}

export interface InboundOutcome {
  readonly row: Hl7MessageEntity;
  readonly ack: Buffer;
  /** A resend of a message already logged (same sender, same MSH-10): answered from the log, nothing stored. */
  readonly duplicate: boolean;
}

/** What the domain recorded for a message. */
interface Stored {
  patientId: string | null;
  orderId: string | null;
  reportIds: string[];
}

/**
 * Inbound ORU^R01 over MLLP: parse, identify the sender (MSH-3 = a registered system client), map each OBR group onto the
 * orders domain exactly as the FHIR facade does (ResultsService, FulfilmentService for SPM), log the message and answer.
 *
 * Transactions. The domain records each report in its own transaction (and each specimen in its own), idempotent on the
 * sender's report id plus the request's hash; the log row is written after them, in its own statement. So:
 * - the log never says `accepted` for results that are not stored: the row is written only once the domain committed;
 * - a crash between the two leaves results without a log row and without an ACK: the sender, having no ACK, sends the
 *   message again, the domain finds the same report (created: false) and the message is then logged and answered AA;
 * - two connections delivering the same message at once are serialised by the order row lock in the domain (one report)
 *   and by the unique index on (client, MSH-10) in the log (one row): the loser answers the winner's ACK.
 * A message with several OBR groups is recorded group by group: if a later group is refused, the earlier ones stay
 * stored (each is a complete report) and the message is quarantined; its replay records them again as no-ops.
 */
@Injectable()
export class Hl7InboundService {
  private readonly logger = new Logger('Hl7Inbound');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly results: ResultsService,
    private readonly fulfilment: FulfilmentService,
    private readonly patients: PatientsService,
    private readonly clock: Clock,
    @Inject(HL7V2_OPTIONS) private readonly options: Hl7v2Options,
  ) {}

  /** The MLLP handler: bytes in, ACK bytes out. Throws only when the message cannot even be logged (then no ACK is sent). */
  async receive(bytes: Buffer, remoteAddress: string | null): Promise<Buffer> {
    return (await this.process(bytes, { receivedAt: this.clock.now(), remoteAddress })).ack;
  }

  /** Parse, store and log one message; `input` is bytes from the wire or an administrator's edited text. */
  async process(input: Buffer | string, context: InboundContext): Promise<InboundOutcome> {
    const raw = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
    const encoding = typeof input === 'string' ? 'utf-8' : decodeHl7Bytes(input).encoding;
    const header = Hl7Message.parseHeader(input);
    const envelope = {
      raw,
      encoding,
      messageType: header ? [header.messageType.code, header.messageType.trigger].filter(Boolean).join('^') : '',
      controlId: header?.controlId.slice(0, 200) ?? '',
      sendingApplication: header?.get('MSH-3.1').trim() ?? '',
      sendingFacility: header?.get('MSH-4.1').trim() ?? '',
    };
    let client: SystemClientEntity | null = null;
    try {
      const message = this.accept(input, header);
      client = await this.sender(message, context);
      if (!context.replay) {
        const earlier = await this.logged(client.clientId, envelope.controlId);
        if (earlier) return { row: earlier, ack: this.resendAck(earlier, message), duplicate: true };
      }
      const stored = await this.store(message, client);
      const ack = buildAck(message, { code: 'AA' }).toBuffer();
      return this.log({ ...envelope, client, status: 'accepted', ackCode: 'AA', ack, stored }, context);
    } catch (error) {
      const refusal = this.refusal(error);
      const ack = buildAck(header, {
        code: refusal.ack,
        text: refusal.message.slice(0, MSA3_LENGTH),
        error: { code: refusal.code, location: refusal.location, userMessage: refusal.message },
      }).toBuffer();
      const status: InterfaceMessageStatus = refusal.ack === 'AR' ? 'rejected' : 'quarantined';
      return this.log({ ...envelope, client, status, ackCode: refusal.ack, ack, stored: refusal.stored, reason: refusal.message, location: refusal.location }, context);
    }
  }

  /** The envelope checks that decide AR: readable, ORU^R01, a version we read, a control id. */
  private accept(input: Buffer | string, header: Hl7Message | null): Hl7Message {
    if (!header) throw Hl7InboundError.rejected(100, 'The message does not start with a readable MSH segment', { segment: 'MSH', sequence: 1 });
    const type = header.messageType;
    if (type.code !== 'ORU') throw Hl7InboundError.rejected(200, `Benhan accepts ORU^R01 here, not ${type.code || 'an empty MSH-9'}`, { segment: 'MSH', sequence: 1, field: 9, component: 1 });
    if (type.trigger !== 'R01') throw Hl7InboundError.rejected(201, `Benhan accepts ORU^R01 here, not ORU^${type.trigger}`, { segment: 'MSH', sequence: 1, field: 9, component: 2 });
    if (!VERSION.test(header.version)) throw Hl7InboundError.rejected(203, `HL7 version ${header.version || '(empty)'} is not read here (2.3 to 2.5.1 and later 2.x)`, { segment: 'MSH', sequence: 1, field: 12 });
    if (!header.controlId.trim()) throw Hl7InboundError.rejected(101, 'MSH-10 (message control id) is empty: it is what makes a resent message recognisable', { segment: 'MSH', sequence: 1, field: 10 });
    try {
      return Hl7Message.parse(input);
    } catch (error) {
      if (error instanceof Hl7ParseError) throw Hl7InboundError.rejected(100, error.message);
      throw error;
    }
  }

  /** MSH-3's first component names the sender: one of Benhan's registered system clients allowed to send results. */
  private async sender(message: Hl7Message, context: InboundContext): Promise<SystemClientEntity> {
    const application = message.get('MSH-3.1').trim();
    const client = application ? await this.dataSource.getRepository(SystemClientEntity).findOneBy({ clientId: application, active: true }) : null;
    if (!client) throw Hl7InboundError.rejected(103, `MSH-3 "${application}" is not a system client registered in Benhan (e.g. lis, pacs)`, { segment: 'MSH', sequence: 1, field: 3 });
    if (!client.scopes.includes(RESULTS_WRITE_SCOPE)) throw Hl7InboundError.rejected(207, `The system client ${client.clientId} is not allowed to send results (${RESULTS_WRITE_SCOPE})`, { segment: 'MSH', sequence: 1, field: 3 });
    if (context.replay && context.replay.clientId !== client.clientId) {
      throw Hl7InboundError.rejected(207, `A replay keeps its sender: MSH-3 must stay ${context.replay.clientId}`, { segment: 'MSH', sequence: 1, field: 3 });
    }
    return client;
  }

  /** The first logging of this sender's control id (not a replay, not rejected): a resend is answered from it. */
  private logged(clientId: string, controlId: string): Promise<Hl7MessageEntity | null> {
    return this.dataSource
      .getRepository(Hl7MessageEntity)
      .createQueryBuilder('m')
      .where(`m.direction = 'inbound' AND m.replay_of_id IS NULL AND m.ack_code <> 'AR'`)
      .andWhere('m.client_id = :clientId AND m.control_id = :controlId', { clientId, controlId })
      .getOne();
  }

  /**
   * A resend gets the first ACK again (an AE repeats the error: the message waits in quarantine). Once an administrator's
   * replay has stored it, the resend is answered AA: the results are in.
   */
  private resendAck(earlier: Hl7MessageEntity, message: Hl7Message): Buffer {
    if (earlier.status === 'replayed') return buildAck(message, { code: 'AA', text: 'Already received and stored (after a replay)' }).toBuffer();
    return earlier.ack ?? buildAck(message, { code: 'AA' }).toBuffer();
  }

  /** Check every group against its order and patient, then record specimens and reports group by group. */
  private async store(message: Hl7Message, client: SystemClientEntity): Promise<Stored> {
    const sender: ClientPrincipal = { kind: 'client', clientId: client.clientId, clientKind: client.kind, scopes: client.scopes, facilityId: client.facilityId };
    const groups = readOruGroups(message);
    const plans: { group: OruGroup; orderId: string; patientId: string; lab?: LabMapping; imaging?: ImagingMapping; specimens: { ref: SegmentRef; request: ReturnType<typeof toSpecimenRequest> }[] }[] = [];
    // Reads and mapping first, for every group: a message refused for its second group has written nothing.
    for (const group of groups) {
      const placer = placerOrderNumber(group);
      const at: Hl7ErrorLocation = { segment: placer.field, sequence: placer.field === 'OBR' ? group.obr.sequence : (group.orc?.sequence ?? 1), field: 2 };
      if (!UUID.test(placer.value)) throw Hl7InboundError.error(204, `${placer.field}-2 "${placer.value}" is not a Benhan order id (the placer order number Benhan sent)`, at);
      const orderId = placer.value.toLowerCase();
      const order = await this.orders.require(client.facilityId, orderId).catch((error: unknown) => {
        if (error instanceof OrderError && error.code === 'order_not_found') throw Hl7InboundError.error(204, `Order ${orderId} is not an order of ${client.clientId}'s facility`, at);
        throw error;
      });
      await this.requireSamePatient(group, client.facilityId, order.patientId);
      if (order.category === 'laboratory') {
        plans.push({
          group,
          orderId,
          patientId: order.patientId,
          lab: toLabRequest(group, message.controlId, groups.length),
          specimens: group.specimens.map((ref) => ({ ref, request: toSpecimenRequest(group, ref) })),
        });
      } else {
        const items = await this.dataSource.getRepository(OrderItemEntity).find({ where: { orderId }, order: { position: 'ASC' } });
        const modality = items.find((i) => i.modality)?.modality;
        if (!modality) throw Hl7InboundError.error(207, `Order ${orderId} has no imaging procedure with a modality`, at);
        plans.push({
          group,
          orderId,
          patientId: order.patientId,
          imaging: toImagingRequest(group, message.controlId, groups.length, { modality, viewerUrlTemplate: this.options.pacsViewerUrl, zdsStudyUid: group.zds?.segment.get('1.1') }),
          specimens: [],
        });
      }
    }
    const stored: Stored = { patientId: plans[0]?.patientId ?? null, orderId: plans[0]?.orderId ?? null, reportIds: [] };
    for (const plan of plans) {
      for (const specimen of plan.specimens) {
        await this.fulfilment.recordSpecimen(sender, plan.orderId, specimen.request).catch((error: unknown) => {
          throw error instanceof OrderError ? withStored(fromOrderError(error, plan.group, { specimen: specimen.ref }), stored) : error;
        });
      }
      const outcome = await (plan.lab ? this.results.recordLabReport(sender, plan.orderId, plan.lab.request) : this.results.recordImagingReport(sender, plan.orderId, (plan.imaging as ImagingMapping).request)).catch(
        (error: unknown) => {
          throw error instanceof OrderError ? withStored(fromOrderError(error, plan.group, { lab: plan.lab, imaging: plan.imaging }), stored) : error;
        },
      );
      stored.reportIds.push(outcome.report.id);
    }
    return stored;
  }

  /** PID-3 must carry the order's patient's code (mã bệnh nhân), CCCD or BHYT card number: results never land on another patient. */
  private async requireSamePatient(group: OruGroup, facilityId: string, patientId: string): Promise<void> {
    const at: Hl7ErrorLocation = { segment: 'PID', sequence: group.pid?.sequence ?? 1, field: 3 };
    const sent = patientIdentifiers(group);
    if (!sent.length) throw Hl7InboundError.error(101, 'PID-3 carries no patient identifier: send the patient code, CCCD or BHYT number Benhan sent with the order', at);
    const patient = await this.patients.require(facilityId, patientId);
    const known = [patient.patientCode, patient.citizenId, patient.insuranceCardNumber].filter((v): v is string => !!v).map((v) => v.trim().toUpperCase());
    if (!sent.some((id) => known.includes(id.toUpperCase()))) {
      throw Hl7InboundError.error(204, `PID-3 (${sent.join(', ')}) does not identify the patient of order ${group.obr.segment.get('2.1') || group.orc?.segment.get('2.1')}`, at);
    }
  }

  /** AE/AR for what we understand; anything else is an internal error, quarantined with AE 207 so an administrator sees it. */
  private refusal(error: unknown): Hl7InboundError & { stored?: Stored } {
    if (error instanceof Hl7InboundError) return error;
    this.logger.error({ err: error }, 'HL7 inbound message failed');
    return Hl7InboundError.error(207, `Application internal error: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500));
  }

  /**
   * One row per message; for a message from the wire the unique index (client, MSH-10) decides a race between two
   * connections: the row that is there first wins, and the other answers with its ACK.
   */
  private async log(
    entry: {
      raw: Buffer;
      encoding: string;
      messageType: string;
      controlId: string;
      sendingApplication: string;
      sendingFacility: string;
      client: SystemClientEntity | null;
      status: InterfaceMessageStatus;
      ackCode: InterfaceAckCode;
      ack: Buffer;
      stored?: Stored;
      reason?: string;
      location?: Hl7ErrorLocation;
    },
    context: InboundContext,
  ): Promise<InboundOutcome> {
    const rows = (await this.dataSource.query(
      `INSERT INTO hl7_messages (facility_id, direction, status, message_type, control_id, sending_application, sending_facility, client_id, patient_id, order_id,
                                 report_ids, ack_code, reason, error_location, raw, encoding, ack, remote_address, received_at, processed_at, replay_of_id, replayed_by)
       VALUES ($1, 'inbound', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
       ON CONFLICT (client_id, control_id) WHERE direction = 'inbound' AND replay_of_id IS NULL AND ack_code <> 'AR' DO NOTHING
       RETURNING id`,
      [
        entry.client?.facilityId ?? null,
        entry.status,
        entry.messageType.slice(0, 40),
        entry.controlId,
        entry.sendingApplication,
        entry.sendingFacility,
        entry.client?.clientId ?? null,
        entry.stored?.patientId ?? null,
        entry.stored?.orderId ?? null,
        entry.stored?.reportIds ?? [],
        entry.ackCode,
        entry.reason ?? null,
        formatLocation(entry.location),
        entry.raw,
        entry.encoding,
        entry.ack,
        context.remoteAddress,
        context.receivedAt,
        this.clock.now(),
        context.replay?.originalId ?? null,
        context.replay?.userId ?? null,
      ],
    )) as { id: string }[];
    const repository = this.dataSource.getRepository(Hl7MessageEntity);
    if (rows.length) return { row: await repository.findOneByOrFail({ id: rows[0].id }), ack: entry.ack, duplicate: false };
    // Another connection logged this sender's control id while we worked: its row and its ACK are the answer.
    const winner = await this.logged(entry.client?.clientId ?? '', entry.controlId);
    if (!winner) throw new Error(`hl7_messages: control id ${entry.controlId} conflicted but no row was found`);
    return { row: winner, ack: winner.ack ?? entry.ack, duplicate: true };
  }
}

/** The reports written before a later group was refused stay listed on the quarantined row. */
function withStored(error: Hl7InboundError, stored: Stored): Hl7InboundError & { stored?: Stored } {
  return Object.assign(error, { stored: { ...stored, reportIds: [...stored.reportIds] } });
}

/**
 * The domain's refusal, pointed at the segment and field it came from (the FHIR facade does the same with FHIRPath):
 * `observations/2/unit` → the third stored OBX's field 6, `study/studyInstanceUid` → the OBX that named the study.
 */
export function fromOrderError(error: OrderError, group: OruGroup, from: { lab?: LabMapping; imaging?: ImagingMapping; specimen?: SegmentRef }): Hl7InboundError {
  const field = error.fieldErrors[0]?.field ?? '';
  const [head, index, rest] = field.split('/');
  const obr = (f?: number): Hl7ErrorLocation => ({ segment: 'OBR', sequence: group.obr.sequence, field: f });
  let location: Hl7ErrorLocation = obr();
  if (from.specimen) {
    const spmField: Record<string, number> = { accession: 2, typeCode: 4, collectedAt: 17, receivedAt: 18, status: 20 };
    location = head === 'orderId' ? obr(2) : { segment: 'SPM', sequence: from.specimen.sequence, field: spmField[head] };
  } else if (head === 'observations' && index !== undefined && from.lab?.observationSegments[Number(index)]) {
    const obxField: Record<string, number> = { code: 3, unit: 6, valueQuantity: 5, valueString: 5 };
    location = { segment: 'OBX', sequence: from.lab.observationSegments[Number(index)].sequence, field: obxField[rest] };
  } else if (head === 'study') {
    const obx = from.imaging?.studySegment;
    location = index === 'modality' ? obr(4) : obx ? { segment: 'OBX', sequence: obx.sequence, field: 5 } : { segment: 'ZDS', sequence: 1, field: 1 };
  } else if (head === 'findings') {
    const first = from.imaging?.textSegments[0];
    location = first ? { segment: 'OBX', sequence: first.sequence, field: 5 } : obr();
  } else if (head === 'externalId') location = obr(3);
  else if (head === 'status') location = obr(25);
  else if (head === 'orderId' || error.code === 'order_not_found') location = obr(2);
  else if (head === 'patientId') location = { segment: 'PID', sequence: group.pid?.sequence ?? 1, field: 3 };
  return Hl7InboundError.error(ackErrorCode(error, field), error.message, location);
}

function ackErrorCode(error: OrderError, field: string): 102 | 103 | 204 | 205 | 206 | 207 {
  if (/\/(code|unit)$|typeCode$|modality$/.test(field)) return 103;
  switch (error.code) {
    case 'order_not_found':
    case 'result_mismatch':
      return 204;
    case 'invalid_result':
    case 'invalid_order':
      return 102;
    case 'result_conflict':
      return 205;
    case 'invalid_transition':
    case 'stale_version':
    case 'record_closed':
      return 206;
    default:
      return 207;
  }
}
