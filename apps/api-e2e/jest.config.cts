/* Black-box tests of the built API over real HTTP, each test file against its own fresh database. */
module.exports = {
  displayName: 'api-e2e',
  preset: '../../jest.preset.js',
  globalSetup: '<rootDir>/src/support/global-setup.cjs',
  globalTeardown: '<rootDir>/src/support/global-teardown.cjs',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'cjs'],
  testTimeout: 60_000,
  maxWorkers: 2,
  coverageDirectory: '../../coverage/api-e2e',
};
