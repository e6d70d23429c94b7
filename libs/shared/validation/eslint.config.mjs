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
];
