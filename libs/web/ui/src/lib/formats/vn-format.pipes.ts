import { Pipe, type PipeTransform } from '@angular/core';
import { type BhDateStyle, formatVnDate, formatVnNumber } from './vn-format';

/** `{{ at | bhDate }}` → `05/01/2026`; `bhDate: 'dateTime'` → `05/01/2026 20:30`; `'time'` → `20:30`; `'dayMonth'` → `05/01`. */
@Pipe({ name: 'bhDate' })
export class BhDatePipe implements PipeTransform {
  transform(value: string | number | Date | null | undefined, style: BhDateStyle = 'date'): string {
    return formatVnDate(value, style);
  }
}

/** `{{ 37.5 | bhNumber }}` → `37,5`; `{{ 1234.5 | bhNumber }}` → `1.234,5`. */
@Pipe({ name: 'bhNumber' })
export class BhNumberPipe implements PipeTransform {
  transform(value: number | null | undefined, maxFractionDigits?: number): string {
    return formatVnNumber(value, maxFractionDigits);
  }
}
