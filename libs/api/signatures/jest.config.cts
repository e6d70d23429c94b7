module.exports = {
  displayName: 'api-signatures',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  // Loader and service tests run on a real PostgreSQL (DATABASE_URL, else a throwaway embedded server).
  globalSetup: '<rootDir>/src/testing/global-setup.cjs',
  globalTeardown: '<rootDir>/src/testing/global-teardown.cjs',
  testTimeout: 60_000,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/api/signatures',
};
