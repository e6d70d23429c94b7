module.exports = {
  displayName: 'web-data-access',
  preset: '../../../jest.angular.preset.js',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  coverageDirectory: '../../../coverage/libs/web/data-access',
};
