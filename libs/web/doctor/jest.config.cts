module.exports = {
  displayName: 'web-doctor',
  preset: '../../../jest.angular.preset.js',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  coverageDirectory: '../../../coverage/libs/web/doctor',
};
