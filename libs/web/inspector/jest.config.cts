module.exports = {
  displayName: 'web-inspector',
  preset: '../../../jest.angular.preset.js',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  coverageDirectory: '../../../coverage/libs/web/inspector',
};
