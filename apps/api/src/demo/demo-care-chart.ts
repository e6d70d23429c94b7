import type { EntityManager } from 'typeorm';
import { VITAL_SIGNS, flagOf } from '@benhan/api/documents';
import type { VitalSignKind } from '@benhan/shared/contracts';

/** At most this much charting history per stay (the demo stays began two days before the seed). */
const DAYS = 5;
const HOUR = 3_600_000;

/**
 * The internal-medicine ward's charts: vital signs every 4–6 hours since admission (at most five days),
 * plausible for each patient, with a pneumonia patient's fever settling over the stay. Deterministic,
 * so screenshots and manual tests see the same curves. Runs in the seed's transaction.
 */
export async function seedDemoCareChart(em: EntityManager, facilityId: string, now = new Date()): Promise<void> {
  const stays = (await em.query(
    `SELECT e.id, e.started_at,
            EXISTS (SELECT 1 FROM encounter_diagnoses d WHERE d.encounter_id = e.id AND d.code LIKE 'J18%') AS pneumonia,
            EXISTS (SELECT 1 FROM encounter_diagnoses d WHERE d.encounter_id = e.id AND d.code = 'I10') AS hypertension
       FROM encounters e JOIN departments dep ON dep.id = e.department_id
      WHERE e.facility_id = $1 AND dep.code = 'NOI' AND e.type = 'inpatient' AND e.status = 'in_progress'
      ORDER BY e.started_at, e.id`,
    [facilityId],
  )) as { id: string; started_at: Date; pneumonia: boolean; hypertension: boolean }[];
  const [nurse] = (await em.query(
    `SELECT u.id FROM users u JOIN user_departments ud ON ud.user_id = u.id JOIN departments dep ON dep.id = ud.department_id
      WHERE u.facility_id = $1 AND dep.code = 'NOI' AND 'nurse' = ANY(u.roles) ORDER BY u.username LIMIT 1`,
    [facilityId],
  )) as { id: string }[];
  if (!nurse || !stays.length) return;

  const definition = new Map(VITAL_SIGNS.map((d) => [d.kind, d]));
  const rows: unknown[][] = [];
  const add = (encounterId: string, at: Date, kind: VitalSignKind, value: number) => {
    const d = definition.get(kind);
    if (!d) return;
    const recordedAt = new Date(Math.min(at.getTime() + 10 * 60_000, now.getTime()));
    rows.push([facilityId, encounterId, kind, value, d.unit, d.loinc, flagOf(kind, value), at, recordedAt, nurse.id]);
  };

  stays.forEach((stay, index) => {
    const random = seededRandom(index + 1);
    const jitter = (spread: number) => (random() - 0.5) * 2 * spread;
    const start = new Date(Math.max(stay.started_at.getTime(), now.getTime() - DAYS * 24 * HOUR));
    add(stay.id, new Date(start.getTime() + 30 * 60_000), 'weight', round(55 + random() * 25, 1));
    add(stay.id, new Date(start.getTime() + 30 * 60_000), 'height', Math.round(152 + random() * 20));
    for (let t = start.getTime() + HOUR; t <= now.getTime(); t += (4 + Math.round(random() * 4) / 2) * HOUR) {
      const hours = (t - stay.started_at.getTime()) / HOUR;
      // A fever of ≈ 39 °C on admission that settles over three days, higher in the evening.
      const fever = stay.pneumonia ? 2.3 * Math.exp(-hours / 36) + 0.4 * Math.exp(-hours / 48) * Math.sin((2 * Math.PI * (hours - 6)) / 24) : 0;
      const temperature = round(36.7 + fever + jitter(0.2), 1);
      const systolic = Math.round((stay.hypertension ? 152 - Math.min(hours, 48) / 4 : 118) + jitter(8));
      const at = new Date(t);
      add(stay.id, at, 'temperature', temperature);
      add(stay.id, at, 'pulse', Math.round(76 + (temperature - 37) * 10 + jitter(6)));
      add(stay.id, at, 'systolic_bp', systolic);
      add(stay.id, at, 'diastolic_bp', Math.round(systolic * 0.62 + jitter(4)));
      add(stay.id, at, 'respiratory_rate', Math.round((stay.pneumonia ? 18 + fever * 2 : 17) + jitter(1.5)));
      add(stay.id, at, 'spo2', Math.min(100, Math.round((stay.pneumonia ? 97 - fever * 1.6 : 98) + jitter(1))));
    }
  });

  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await em.query(
      `INSERT INTO vital_sign_observations (facility_id, encounter_id, kind, value, unit, loinc, flag, taken_at, recorded_at, recorded_by)
       VALUES ${chunk.map((_, r) => `(${Array.from({ length: 10 }, (_, c) => `$${r * 10 + c + 1}`).join(', ')})`).join(', ')}`,
      chunk.flat(),
    );
  }
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** mulberry32: a small deterministic generator, so the demo charts are the same on every seed. */
function seededRandom(seed: number): () => number {
  let a = seed * 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
