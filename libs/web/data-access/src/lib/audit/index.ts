export { AuditApi, type AccessLogQuery, type AuditBundleQuery, type IntegrityFrom } from './audit.api';
export { AccessRequestsApi, type AccessRequestQuery } from './access-requests.api';
