module.exports = {
  displayName: 'api-inspection',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  testTimeout: 60_000,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/api/inspection',
};
