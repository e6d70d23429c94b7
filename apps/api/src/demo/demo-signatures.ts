import type { DataSource } from 'typeorm';
import type { UserPrincipal } from '@benhan/api/core';
import type { SigningService } from '@benhan/api/signatures';
import type { UserRole } from '@benhan/shared/contracts';

/** Every demo doctor's and nurse's signing PIN (published in the README, like the demo passwords). */
export const DEMO_SIGNING_PIN = '123456';

/**
 * After the demo hospital is committed: each doctor and nurse gets a signing certificate under the demo PIN,
 * and the ward doctor signs the treatment sheets, so a newcomer sees signed documents (and the facility's
 * CA, time-stamps and validation reports) at once. Goes through the real signing path.
 */
export async function signDemoDocuments(dataSource: DataSource, signing: SigningService, facilityId: string): Promise<number> {
  const staff = (await dataSource.query(
    `SELECT u.id, u.username, u.roles, coalesce(array_agg(ud.department_id) FILTER (WHERE ud.department_id IS NOT NULL), '{}') AS department_ids
       FROM users u LEFT JOIN user_departments ud ON ud.user_id = u.id
      WHERE u.facility_id = $1 AND u.roles && ARRAY['doctor', 'nurse']::text[]
      GROUP BY u.id ORDER BY u.username`,
    [facilityId],
  )) as { id: string; username: string; roles: UserRole[]; department_ids: string[] }[];
  const principals = new Map<string, UserPrincipal>();
  for (const person of staff) {
    await dataSource.transaction((em) => signing.issue(em, facilityId, person.id, DEMO_SIGNING_PIN));
    principals.set(person.id, { kind: 'user', userId: person.id, username: person.username, roles: person.roles, departmentIds: person.department_ids, facilityId, sessionId: 'demo-seed' });
  }
  const drafts = (await dataSource.query(
    `SELECT v.id, v.author_id FROM document_versions v JOIN documents d ON d.id = v.document_id
      WHERE d.facility_id = $1 AND d.form_code = '39/BV2' AND v.status = 'draft' ORDER BY v.created_at, v.id`,
    [facilityId],
  )) as { id: string; author_id: string }[];
  for (const draft of drafts) {
    const author = principals.get(draft.author_id);
    if (author) await signing.sign(author, draft.id, DEMO_SIGNING_PIN);
  }
  return drafts.length;
}
