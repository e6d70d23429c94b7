/** Test helpers other domains' tests use (`@benhan/api/signatures/testing`); never imported by production code. */
export { makeTestPki, type TestPki, FACILITY as TEST_FACILITY } from '../lib/crypto/__fixtures__/test-pki';
export { sealCms, type SealCmsInput } from '../lib/crypto/seal';
