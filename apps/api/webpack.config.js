const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/api'),
    clean: true,
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      // The terminology code lists (CSV) are read at start from assets/terminology beside main.js.
      assets: ['./src/assets', { input: 'libs/api/terminology/data', glob: '*.csv', output: 'assets/terminology' }, { input: 'libs/api/documents/forms', glob: '*.json', output: 'assets/forms' }, { input: 'node_modules/dejavu-fonts-ttf/ttf', glob: 'DejaVuSans{,-Bold}.ttf', output: 'assets/fonts' }],
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      sourceMap: true,
    }),
  ],
};
