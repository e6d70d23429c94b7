import { inject, Pipe, type PipeTransform } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';

/** An option of a select: its value and the translation key of its label. */
export interface SelectOption<T extends string = string> {
  value: T;
  labelKey: string;
}

/** A select's options from a label map (value → translation key), in the map's order. */
export function optionsOf<T extends string>(labels: Record<T, string>): SelectOption<T>[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, labelKey: labels[value] }));
}

/**
 * The options with their text in the current language as `label`, for `optionLabel="label"`: PrimeNG's select names each
 * option (and filters, and announces the choice) by that field, so a translation key there reaches screen readers as
 * `doctor.dischargeOutcome.improved`. Impure because the language can change under it; the result is cached per options
 * list and language (and loaded translations), so change detection gets the same array until one of them changes.
 */
@Pipe({ name: 'bhOptions', pure: false })
export class TranslatedOptionsPipe implements PipeTransform {
  private readonly translate = inject(TranslateService);
  private source: readonly SelectOption[] | null = null;
  private language: string | null = null;
  private result: (SelectOption & { label: string })[] = [];

  transform<T extends string>(options: readonly SelectOption<T>[]): (SelectOption<T> & { label: string })[] {
    const language = this.translate.getCurrentLang();
    // The first label checked again: the language's translations may arrive after the first pass gave keys back.
    const stale = this.result.length > 0 && this.result[0].label !== (this.translate.instant(this.result[0].labelKey) as string);
    if (options !== this.source || language !== this.language || stale) {
      this.source = options;
      this.language = language;
      this.result = options.map((o) => ({ ...o, label: this.translate.instant(o.labelKey) as string }));
    }
    return this.result as (SelectOption<T> & { label: string })[];
  }
}
