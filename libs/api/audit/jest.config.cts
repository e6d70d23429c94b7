module.exports = {
  displayName: 'api-audit',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  // The log is tested on a real PostgreSQL (DATABASE_URL, else a throwaway embedded server).
  globalSetup: '<rootDir>/src/testing/global-setup.cjs',
  globalTeardown: '<rootDir>/src/testing/global-teardown.cjs',
  testTimeout: 60_000,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/api/audit',
};
