import type { EnvironmentProviders } from '@angular/core';
import { type GlobalPassThrough, providePrimeNG } from 'primeng/config';
import { BenhanPreset } from './benhan-preset';

/**
 * Pass-through attributes for every instance of a PrimeNG component.
 *
 * PrimeNG 21.1 looks the table's global pass-through up by its component name (`DataTable`, compared in flat
 * case), while its typings offer only `table`; hence the plain record.
 */
const PASS_THROUGH: Record<string, unknown> = {
  // A wide table scrolls sideways inside its container on a tablet; keyboard users must be able to focus the
  // container to scroll it (WCAG 2.1.1, axe `scrollable-region-focusable`), even when it holds no link.
  dataTable: { tableContainer: { tabindex: '0' } },
};

/**
 * PrimeNG for Benhan: the Aura-based preset with AA contrast, dark mode only on an explicit `.bh-dark` class
 * (ward PCs follow no OS theme we could test against), and the pass-through attributes accessibility needs.
 */
export function provideBenhanTheme(): EnvironmentProviders {
  return providePrimeNG({
    theme: { preset: BenhanPreset, options: { darkModeSelector: '.bh-dark' } },
    pt: PASS_THROUGH as GlobalPassThrough,
  });
}
