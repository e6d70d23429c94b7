import { USER_ROLES } from './roles';
import { WORKSPACES, workspacesFor } from './workspaces';

describe('workspacesFor', () => {
  it('gives every human role at least one workspace', () => {
    for (const role of USER_ROLES) expect(workspacesFor([role]).length).toBeGreaterThan(0);
  });

  it('gives a doctor only the doctor workspace', () => {
    expect(workspacesFor(['doctor']).map((w) => w.key)).toEqual(['doctor']);
  });

  it('unions the workspaces of a user with several roles, in menu order', () => {
    expect(workspacesFor(['admin', 'doctor']).map((w) => w.key)).toEqual(['doctor', 'admin']);
  });

  it('has unique keys and paths', () => {
    expect(new Set(WORKSPACES.map((w) => w.key)).size).toBe(WORKSPACES.length);
    expect(new Set(WORKSPACES.map((w) => w.path)).size).toBe(WORKSPACES.length);
  });
});
