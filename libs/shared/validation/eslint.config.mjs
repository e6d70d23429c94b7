import baseConfig from '../../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // Pure TypeScript shared by the API and the browser: nothing outside this library, no packages, no Node APIs.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.{1,2}/)',
              message: 'shared-validation imports only its own files (relative paths): no packages, libs or node:*.',
            },
          ],
        },
      ],
    },
  },
  {
    // Its tests may use fast-check too (property-based tests; not shipped).
    files: ['src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.{1,2}/|fast-check$)',
              message: 'shared-validation tests import only its own files (relative paths) and fast-check.',
            },
          ],
        },
      ],
    },
  },
];
