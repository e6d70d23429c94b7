import { Pipe, type PipeTransform } from '@angular/core';
import { formatLocalIsoDate } from './local-date';

/** What a patient record knows of a birth: the full date, or only the year. */
export interface BirthInfo {
  birthDate: string | null;
  birthYear: number;
}

/** `{ birthDate: '1990-05-01' }` → `01/05/1990`; a year-only birth shows the year alone. */
@Pipe({ name: 'bhBirthDate' })
export class BirthDatePipe implements PipeTransform {
  transform(value: BirthInfo | null | undefined): string {
    if (!value) return '';
    return value.birthDate ? formatLocalIsoDate(value.birthDate) : String(value.birthYear);
  }
}
