/** Jest for every Angular project (apps/web, libs/web/*); each project adds its displayName and paths. */
const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  transform: {
    '^.+\\.(ts|mjs|js|html)$': [
      'jest-preset-angular',
      { tsconfig: '<rootDir>/tsconfig.spec.json', stringifyContentPathRegex: '\\.(html|svg)$' },
    ],
  },
  // The first TestBed of a file compiles its components: seconds on a busy 2-core CI box, not a hang.
  testTimeout: 30_000,
  // Angular's locale data (@angular/common/locales/*.js) ships as ESM without the .mjs extension.
  transformIgnorePatterns: ['node_modules/(?!.*\\.mjs$|@angular/common/locales/)'],
  snapshotSerializers: [
    'jest-preset-angular/build/serializers/no-ng-attributes',
    'jest-preset-angular/build/serializers/ng-snapshot',
    'jest-preset-angular/build/serializers/html-comment',
  ],
};
