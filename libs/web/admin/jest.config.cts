module.exports = {
  displayName: 'web-admin',
  preset: '../../../jest.angular.preset.js',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  coverageDirectory: '../../../coverage/libs/web/admin',
};
