export * from './lib/identity/roles';
export * from './lib/identity/workspaces';
export * from './lib/identity/auth.contract';
export * from './lib/identity/admin.contract';
export * from './lib/patients/patient.contract';
export * from './lib/encounters/encounter.contract';
export * from './lib/problem-details';
export * from './lib/page';
