import type { CurrentUser, TokenResponse, UserRole } from '@benhan/shared/contracts';

/** Test doubles shared by the data-access specs (not exported from the library). */
export function aUser(roles: UserRole[] = ['doctor'], overrides: Partial<CurrentUser> = {}): CurrentUser {
  return {
    id: 'u-1',
    username: 'doctor',
    fullName: 'Nguyễn Văn An',
    roles,
    departments: [{ id: 'd-1', code: 'NOI', name: 'Khoa Nội', isHead: false }],
    facility: { id: 'f-1', code: 'BV01', name: 'Bệnh viện Đa khoa Benhan' },
    practisingCertificateNo: null,
    ...overrides,
  };
}

export function aTokenResponse(n: number, user: CurrentUser = aUser()): TokenResponse {
  return {
    accessToken: `access-${n}`,
    tokenType: 'Bearer',
    expiresIn: 900,
    refreshToken: `refresh-${n}`,
    refreshExpiresIn: 28800,
    user,
  };
}

export const PROBLEM_401 = {
  type: 'about:blank',
  title: 'Unauthorized',
  status: 401,
};
