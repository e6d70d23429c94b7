import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';
import { DatePicker } from 'primeng/datepicker';

/**
 * A date and time as the hospital writes it, `dd/mm/yyyy HH:mm` on a 24-hour clock, whatever the browser's locale
 * (an `<input type="datetime-local">` follows the browser: mm/dd/yyyy and AM/PM on an English one). Built for typing:
 * the calendar opens from its icon (inside the field, so Tab goes from the field straight to the next one), not when
 * the field is focused, so it never covers the values a nurse types next.
 */
@Component({
  selector: 'bh-date-time-field',
  imports: [FormsModule, DatePicker, TranslatePipe],
  templateUrl: './date-time-field.html',
  styleUrl: './date-time-field.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DateTimeField {
  /** The id of the input itself, for its `<label for>`. */
  readonly inputId = input.required<string>();
  readonly value = input<Date | null>(null);
  readonly invalid = input(false);
  /** The date-time typed or picked; null while what is typed is not one. */
  readonly valueChange = output<Date | null>();
}
