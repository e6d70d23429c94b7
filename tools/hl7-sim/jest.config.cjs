// The LIS and PACS simulators (tools/lis-sim, tools/pacs-sim) and what they share are plain CommonJS, and so are their
// specs: nothing to transpile. @nx/jest/plugin infers this project's `test` target from this file, which is how
// `nx run-many -t test` (and so `npm test`) runs them.
module.exports = {
  displayName: 'hl7-sim',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.cjs'],
  transform: {},
  moduleFileExtensions: ['cjs', 'js', 'mjs', 'json'],
  // Every case talks over real sockets on 127.0.0.1, with result delays of a few hundred milliseconds.
  testTimeout: 20_000,
};
