// The verifier is plain Node ESM run as a child process, and its spec is plain CommonJS: nothing to
// transpile, so no ts-jest and no tsconfig. @nx/jest/plugin infers this project's `test` target from this
// file, which is how `nx run-many -t test` (and so `npm test`) runs it.
module.exports = {
  displayName: 'verify-audit',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.cjs'],
  transform: {},
  moduleFileExtensions: ['cjs', 'js', 'mjs', 'json'],
  // Each case makes real keys and runs openssl and the tool as child processes.
  testTimeout: 60_000,
};
