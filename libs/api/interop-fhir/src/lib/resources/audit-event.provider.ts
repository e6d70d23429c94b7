import { Injectable } from '@nestjs/common';
import { AuditLog } from '@benhan/api/audit';
import { AUDIT_ACTIONS, type AuditAction, type AuditEventQuery } from '@benhan/shared/contracts';
import { FhirError } from '../fhir.errors';
import type { FhirHit, FhirRequestContext, FhirResourceProvider, FhirSearchResult } from '../fhir-provider';
import { date, reference, token } from '../search/common-params';
import { parseDate, parseToken, referenceId, type ParsedSearch, type SearchClause, type SearchParamDefinition } from '../search/search-params';
import { AUDIT_ACTION_SYSTEM, toFhirAuditEvent } from './audit-event.mapper';

/** AuditEvent over the hash-chained audit trail (audit domain, through AuditLog.query). Inspectors only. */
@Injectable()
export class AuditEventProvider implements FhirResourceProvider {
  readonly type = 'AuditEvent';
  readonly documentation = 'The hash-chained audit trail (id = sequence number in the facility chain); inspectors only';
  readonly roles = ['inspector'] as const;
  readonly audit = { action: 'audit_read', resourceType: 'audit' } as const;
  readonly searchParams: readonly SearchParamDefinition[] = [
    reference('patient', 'Events about this patient (Patient/<id>)'),
    date('date', 'When the event happened (prefixes eq, ge, gt, le, lt)'),
    token('subtype', `Benhan action code (${AUDIT_ACTION_SYSTEM}), e.g. patient_read`),
    token('outcome', '0 (success) | 4 (failure)'),
  ];

  constructor(private readonly log: AuditLog) {}

  isId(id: string): boolean {
    return /^[1-9]\d{0,17}$/.test(id);
  }

  async read(ctx: FhirRequestContext, id: string): Promise<FhirHit | null> {
    const [event] = await this.log.eventsBetween(ctx.facilityId, Number(id), Number(id));
    return event ? { resource: toFhirAuditEvent(event), patientId: null } : null;
  }

  async search(ctx: FhirRequestContext, search: ParsedSearch): Promise<FhirSearchResult> {
    const q: AuditEventQuery = { sort: 'desc', limit: Math.max(search.count, 1), offset: search.offset };
    for (const clause of search.clauses) {
      const value = single(clause);
      switch (clause.name) {
        case 'patient': {
          const id = referenceId(value, 'Patient');
          if (!id) return { hits: [], total: 0 };
          q.patient = id;
          break;
        }
        case 'date': {
          const range = parseDate(clause.name, value);
          const later = (a: string | undefined, b: Date) => (a && new Date(a) > b ? a : b.toISOString());
          const earlier = (a: string | undefined, b: Date) => (a && new Date(a) < b ? a : b.toISOString());
          if (range.prefix === 'eq' || range.prefix === 'ge') q.from = later(q.from, range.start);
          if (range.prefix === 'gt' || range.prefix === 'sa') q.from = later(q.from, range.end);
          if (range.prefix === 'eq' || range.prefix === 'le') q.to = earlier(q.to, range.end);
          if (range.prefix === 'lt' || range.prefix === 'eb') q.to = earlier(q.to, range.start);
          if (range.prefix === 'ne') throw new FhirError('invalid_search_parameter', 'AuditEvent date does not support the ne prefix', ['date']);
          break;
        }
        case 'subtype': {
          const t = parseToken(value);
          if (!t.code || (t.system !== undefined && t.system !== AUDIT_ACTION_SYSTEM) || !(AUDIT_ACTIONS as readonly string[]).includes(t.code)) return { hits: [], total: 0 };
          q.action = t.code as AuditAction;
          break;
        }
        case 'outcome': {
          const t = parseToken(value);
          if (t.code !== '0' && t.code !== '4') return { hits: [], total: 0 };
          q.outcome = t.code === '0' ? 'success' : 'failure';
          break;
        }
      }
    }
    const page = await this.log.query(ctx.facilityId, q);
    return { hits: search.count === 0 ? [] : page.items.map((e) => ({ resource: toFhirAuditEvent(e), patientId: null })), total: page.total };
  }
}

/** The audit log's query takes one value per criterion: OR lists and repeats are refused rather than misread. */
function single(clause: SearchClause): string {
  if (clause.values.length !== 1) throw new FhirError('invalid_search_parameter', `AuditEvent ${clause.name} takes a single value`, [clause.name]);
  return clause.values[0];
}
