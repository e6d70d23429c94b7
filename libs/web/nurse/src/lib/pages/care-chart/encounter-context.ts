import { inject, Injectable } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute } from '@angular/router';
import { EncountersApi } from '@benhan/web/data-access';
import { map } from 'rxjs';

/**
 * The encounter whose care chart is open, provided by the care chart page to its tabs (they are routed inside
 * it, so they inject this instead of reading the parent route themselves).
 */
@Injectable()
export class EncounterContext {
  private readonly encounters = inject(EncountersApi);

  readonly encounterId = toSignal(inject(ActivatedRoute).paramMap.pipe(map((params) => params.get('encounterId'))), {
    initialValue: null,
  });

  readonly encounter = rxResource({
    params: () => this.encounterId() ?? undefined,
    stream: ({ params }) => this.encounters.get(params),
  });
}
