import type { SystemClientKind, UserRole } from './roles';

export interface DepartmentAssignment {
  departmentId: string;
  isHead: boolean;
}

export interface UserSummary {
  id: string;
  username: string;
  fullName: string;
  roles: UserRole[];
  departments: { id: string; code: string; name: string; isHead: boolean }[];
  practisingCertificateNo: string | null;
  active: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

export interface CreateUserRequest {
  username: string;
  fullName: string;
  password: string;
  roles: UserRole[];
  departments: DepartmentAssignment[];
  practisingCertificateNo?: string | null;
}

export interface UpdateUserRequest {
  fullName?: string;
  roles?: UserRole[];
  departments?: DepartmentAssignment[];
  practisingCertificateNo?: string | null;
  active?: boolean;
}

export interface ResetPasswordRequest {
  newPassword: string;
}

export interface Department {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: 'clinical' | 'paraclinical' | 'administrative';
  active: boolean;
}

export interface CreateDepartmentRequest {
  code: string;
  name: string;
  nameEn?: string | null;
  kind: Department['kind'];
}

export interface SystemClientSummary {
  id: string;
  clientId: string;
  kind: SystemClientKind;
  scopes: string[];
  active: boolean;
}

export interface SecurityEvent {
  id: string;
  occurredAt: string;
  type: SecurityEventType;
  outcome: 'success' | 'failure';
  actorUserId: string | null;
  actorUsername: string | null;
  targetUserId: string | null;
  patientId: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  reason: string | null;
  detail: Record<string, unknown>;
}

export const SECURITY_EVENT_TYPES = [
  'login',
  'login_failed',
  'account_locked',
  'logout',
  'refresh_reuse',
  'break_glass',
  'role_change',
  'password_reset',
  'user_created',
  'user_updated',
  'client_token',
  'client_token_failed',
  'patient_read',
  'patient_register',
  'patient_update',
  'patient_merge',
  'encounter_read',
  'document_print',
] as const;
export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];
