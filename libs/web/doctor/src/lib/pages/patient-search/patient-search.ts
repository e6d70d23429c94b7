import { ChangeDetectionStrategy, Component, computed, effect, inject, linkedSignal, signal } from '@angular/core';
import { rxResource, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { Page, PatientSummary } from '@benhan/shared/contracts';
import { PatientsApi } from '@benhan/web/data-access';
import { AutofocusDirective, BirthDatePipe } from '@benhan/web/ui';
import { TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { IconField } from 'primeng/iconfield';
import { InputIcon } from 'primeng/inputicon';
import { InputText } from 'primeng/inputtext';
import { Message } from 'primeng/message';
import { TableModule, type TableLazyLoadEvent } from 'primeng/table';
import { Tag } from 'primeng/tag';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { sexLabel } from '../../labels';

export const PAGE_SIZE = 20;
/** Typing pauses this long before the search runs, so each keystroke does not query a million rows. */
export const SEARCH_DEBOUNCE_MS = 300;

/**
 * The doctor's landing page: find a patient by code, CCCD, BHYT number, phone or name (with or without
 * diacritics: the API folds them), page through the matches, open one, or register a new patient.
 * The search text lives in the URL (`?q=`), so Back returns to the same list.
 */
@Component({
  selector: 'bh-patient-search',
  imports: [AutofocusDirective, 
    RouterLink,
    TranslatePipe,
    BirthDatePipe,
    TableModule,
    Tag,
    Message,
    InputText,
    IconField,
    InputIcon,
    ButtonDirective,
    ButtonIcon,
    ButtonLabel,
  ],
  templateUrl: './patient-search.html',
  styleUrl: './patient-search.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PatientSearch {
  private readonly api = inject(PatientsApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly pageSize = PAGE_SIZE;
  protected readonly sexLabel = sexLabel;

  /** What is in the search box, as typed. */
  protected readonly query = signal(this.route.snapshot.queryParamMap.get('q') ?? '');
  private readonly searchedQuery = toSignal(
    toObservable(this.query).pipe(
      debounceTime(SEARCH_DEBOUNCE_MS),
      map((q) => q.trim()),
      distinctUntilChanged(),
    ),
    { initialValue: this.query().trim() },
  );
  /** Back to the first page whenever the (debounced) search text changes. */
  protected readonly offset = linkedSignal({ source: this.searchedQuery, computation: () => 0 });

  private readonly results = rxResource({
    params: () => ({ q: this.searchedQuery(), offset: this.offset(), limit: PAGE_SIZE }),
    stream: ({ params }) => this.api.search(params),
  });
  /** The last page received, kept on screen while the next one loads. */
  protected readonly page = linkedSignal<Page<PatientSummary> | undefined, Page<PatientSummary> | undefined>({
    source: () => (this.results.hasValue() ? this.results.value() : undefined),
    computation: (next, previous) => next ?? (this.results.error() ? undefined : previous?.value),
  });
  protected readonly loading = this.results.isLoading;
  protected readonly failed = computed(() => this.results.error() !== undefined);

  constructor() {
    effect(() => {
      const q = this.searchedQuery();
      void this.router.navigate([], {
        relativeTo: this.route,
        queryParams: { q: q || null },
        queryParamsHandling: 'merge',
        replaceUrl: true,
      });
    });
  }

  protected onInput(event: Event): void {
    this.query.set((event.target as HTMLInputElement).value);
  }

  protected onLazyLoad(event: TableLazyLoadEvent): void {
    this.offset.set(event.first ?? 0);
  }

  protected open(patient: PatientSummary): void {
    void this.router.navigate(['/doctor/patients', patient.id]);
  }

  protected retry(): void {
    this.results.reload();
  }
}
