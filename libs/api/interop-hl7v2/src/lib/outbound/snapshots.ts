import type { EntityManager } from 'typeorm';
import type { ImagingModality } from '@benhan/shared/contracts';
import type { LocationSnapshot, OrderSnapshot, PatientSnapshot, PersonRef, VisitSnapshot } from './outbound-messages';

interface OrderItemRow {
  id: string;
  service_code: string;
  display: string;
  loinc: string | null;
  modality: ImagingModality | null;
  body_site_code: string | null;
  body_site_display: string | null;
}

/**
 * What an outbound message says, read inside the publisher's transaction (its own connection sees the change being made;
 * the domains' services read through theirs, which would not). This is the interface's read model: plain SQL over the
 * patients, encounters and orders tables, reading only what HL7 v2 carries.
 */
export class OutboundSnapshots {
  constructor(private readonly em: EntityManager) {}

  async facility(facilityId: string): Promise<{ code: string; name: string }> {
    const [row] = await this.em.query(`SELECT code, name FROM facilities WHERE id = $1`, [facilityId]);
    if (!row) throw new Error(`facility ${facilityId} not found`);
    return row;
  }

  async patient(patientId: string): Promise<PatientSnapshot> {
    const [row] = await this.em.query(
      `SELECT id, patient_code, full_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, birth_year, sex, citizen_id,
              insurance_card_number, ethnicity_code, nationality, address_street, address_commune_code, address_province_code, phone
         FROM patients WHERE id = $1`,
      [patientId],
    );
    if (!row) throw new Error(`patient ${patientId} not found`);
    return {
      id: row.id,
      patientCode: row.patient_code,
      fullName: row.full_name,
      birthDate: row.birth_date,
      birthYear: Number(row.birth_year),
      sex: row.sex,
      citizenId: row.citizen_id?.trim() || null,
      insuranceCardNumber: row.insurance_card_number?.trim() || null,
      ethnicityCode: row.ethnicity_code,
      nationality: row.nationality,
      addressStreet: row.address_street,
      addressCommuneCode: row.address_commune_code,
      addressProvinceCode: row.address_province_code,
      phone: row.phone,
    };
  }

  async visit(encounterId: string): Promise<VisitSnapshot> {
    const [row] = await this.em.query(
      `SELECT e.id, e.type, e.record_number, e.admission_source, e.started_at, e.ended_at, e.discharge_outcome,
              d.code AS department_code, d.name AS department_name, w.code AS ward_code, b.code AS bed_code,
              u.id AS attending_id, u.full_name AS attending_name
         FROM encounters e
         JOIN departments d ON d.id = e.department_id
         LEFT JOIN beds b ON b.id = e.bed_id
         LEFT JOIN wards w ON w.id = b.ward_id
         LEFT JOIN users u ON u.id = e.attending_doctor_id
        WHERE e.id = $1`,
      [encounterId],
    );
    if (!row) throw new Error(`encounter ${encounterId} not found`);
    return {
      encounterId: row.id,
      type: row.type,
      recordNumber: row.record_number,
      location: { departmentCode: row.department_code, departmentName: row.department_name, wardCode: row.ward_code, bedCode: row.bed_code },
      attending: row.attending_id ? { id: row.attending_id, fullName: row.attending_name } : null,
      admissionSource: row.admission_source,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      dischargeOutcome: row.discharge_outcome,
    };
  }

  /** The patient's visit in progress (the latest, if several), for an A08 between movements; null between stays. */
  async currentVisit(patientId: string): Promise<VisitSnapshot | null> {
    const [row] = await this.em.query(
      `SELECT id FROM encounters WHERE patient_id = $1 AND status = 'in_progress' ORDER BY (type = 'inpatient') DESC, started_at DESC LIMIT 1`,
      [patientId],
    );
    return row ? this.visit(row.id) : null;
  }

  async location(departmentId: string, bedId: string | null): Promise<LocationSnapshot> {
    const [row] = await this.em.query(
      `SELECT d.code AS department_code, d.name AS department_name, w.code AS ward_code, b.code AS bed_code
         FROM departments d LEFT JOIN beds b ON b.id = $2 LEFT JOIN wards w ON w.id = b.ward_id
        WHERE d.id = $1`,
      [departmentId, bedId],
    );
    if (!row) throw new Error(`department ${departmentId} not found`);
    return { departmentCode: row.department_code, departmentName: row.department_name, wardCode: row.ward_code, bedCode: row.bed_code };
  }

  async person(userId: string | null): Promise<PersonRef | null> {
    if (!userId) return null;
    const [row] = await this.em.query(`SELECT id, full_name FROM users WHERE id = $1`, [userId]);
    return row ? { id: row.id, fullName: row.full_name } : null;
  }

  async order(orderId: string): Promise<OrderSnapshot & { encounterId: string; status: string }> {
    const [row] = await this.em.query(
      `SELECT o.id, o.encounter_id, o.category, o.status, o.priority, o.reason_code, o.reason_title, o.reason_text, o.clinical_note,
              o.authored_at, o.created_at, u.id AS requester_id, u.full_name AS requester_name
         FROM orders o JOIN users u ON u.id = o.requester_id
        WHERE o.id = $1`,
      [orderId],
    );
    if (!row) throw new Error(`order ${orderId} not found`);
    const items = await this.em.query(
      `SELECT id, service_code, display, loinc, modality, body_site_code, body_site_display FROM order_items WHERE order_id = $1 ORDER BY position`,
      [orderId],
    );
    return {
      id: row.id,
      encounterId: row.encounter_id,
      status: row.status,
      category: row.category,
      priority: row.priority,
      reasonCode: row.reason_code,
      reasonTitle: row.reason_title,
      reasonText: row.reason_text,
      clinicalNote: row.clinical_note,
      requester: { id: row.requester_id, fullName: row.requester_name },
      authoredAt: row.authored_at ?? row.created_at,
      items: items.map((i: OrderItemRow) => ({
        id: i.id,
        serviceCode: i.service_code,
        display: i.display,
        loinc: i.loinc,
        modality: i.modality,
        bodySiteCode: i.body_site_code,
        bodySiteDisplay: i.body_site_display,
      })),
    };
  }
}
