module.exports = {
  displayName: 'api-audit',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  testTimeout: 60_000,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/api/audit',
};
