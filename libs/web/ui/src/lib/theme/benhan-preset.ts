import { definePreset } from '@primeuix/themes';
import Aura from '@primeuix/themes/aura';

/**
 * Aura with the contrast WCAG 2 AA asks for (4.5:1 for text, checked by apps/web-e2e/src/quality/accessibility.spec.ts).
 *
 * Aura's light scheme paints text and solid buttons in the 500 shades: emerald-500 on white is 2.5:1, and so
 * are white labels on it. Benhan uses the 700 shades for anything that carries text (primary, button
 * severities, message texts) and a darker muted grey. Dark mode (`.bh-dark`) keeps Aura's own tokens.
 */
const SEVERITY_PALETTE = { success: 'green', info: 'sky', warn: 'orange', help: 'purple', danger: 'red' } as const;

function solidButtons(): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(SEVERITY_PALETTE).map(([severity, color]) => [
      severity,
      {
        background: `{${color}.700}`,
        hoverBackground: `{${color}.800}`,
        activeBackground: `{${color}.900}`,
        borderColor: `{${color}.700}`,
        hoverBorderColor: `{${color}.800}`,
        activeBorderColor: `{${color}.900}`,
        focusRing: { color: `{${color}.700}`, shadow: 'none' },
      },
    ]),
  );
}

function textColouredButtons(): Record<string, { color: string }> {
  return {
    secondary: { color: '{surface.600}' },
    ...Object.fromEntries(Object.entries(SEVERITY_PALETTE).map(([severity, color]) => [severity, { color: `{${color}.700}` }])),
  };
}

/** Message texts on their pale backgrounds: yellow needs 800, the others 700. */
const MESSAGE_TEXT = { info: 'blue.700', success: 'green.700', warn: 'yellow.800', error: 'red.700', secondary: 'surface.700' } as const;

function messages(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(MESSAGE_TEXT).map(([severity, token]) => [
      severity,
      { color: `{${token}}`, outlined: { color: `{${token}}` }, simple: { color: `{${token}}` } },
    ]),
  );
}

export const BenhanPreset = definePreset(Aura, {
  semantic: {
    colorScheme: {
      light: {
        primary: { color: '{primary.700}', contrastColor: '#ffffff', hoverColor: '{primary.800}', activeColor: '{primary.900}' },
        text: { mutedColor: '{surface.600}', hoverMutedColor: '{surface.700}' },
      },
    },
  },
  components: {
    button: {
      colorScheme: {
        light: { root: solidButtons(), outlined: textColouredButtons(), text: textColouredButtons() },
      },
    },
    message: { colorScheme: { light: messages() } },
    inputgroup: { addon: { color: '{text.muted.color}' } },
    togglebutton: { colorScheme: { light: { root: { color: '{surface.600}' }, icon: { color: '{surface.600}' } } } },
  },
});
