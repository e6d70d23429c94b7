import nx from '@nx/eslint-plugin';
import baseConfig from './eslint.config.mjs';

/** ESLint for every Angular project (apps/web, libs/web/*): the base rules plus Angular's, `bh` prefix. */
export default [
  ...nx.configs['flat/angular'],
  ...nx.configs['flat/angular-template'],
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: {
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'bh', style: 'camelCase' }],
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'bh', style: 'kebab-case' }],
    },
  },
];
