module.exports = {
  displayName: 'web-ui',
  preset: '../../../jest.angular.preset.js',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  coverageDirectory: '../../../coverage/libs/web/ui',
};
