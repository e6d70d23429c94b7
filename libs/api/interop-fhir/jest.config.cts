module.exports = {
  displayName: 'api-interop-fhir',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  // Pure unit tests (search parameters, mappers, the CapabilityStatement); the HTTP facade is tested in apps/api-e2e/src/fhir.
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/api/interop-fhir',
};
