/** Test helpers other domains' tests use (`@benhan/api/identity/testing`); never imported by production code. */
export { TEST_IDENTITY_OPTIONS, TestClock } from './identity-test-module';
export { createTestFacility, createTestUser } from './test-staff';
