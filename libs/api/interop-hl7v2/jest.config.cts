module.exports = {
  displayName: 'api-interop-hl7v2',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  // Pure codec tests plus MLLP tests on real loopback sockets (port 0); the shared HL7 v2 fixtures are read from shared/fixtures/hl7v2.
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/api/interop-hl7v2',
};
