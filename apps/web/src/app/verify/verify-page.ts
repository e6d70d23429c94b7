import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute } from '@angular/router';
import type { SignatureIndication, VerificationResult } from '@benhan/shared/contracts';
import { ArchiveApi, statusOf } from '@benhan/web/data-access';
import { BH_DATE_TIME_FORMAT, LanguageSwitch } from '@benhan/web/ui';
import { _, TranslatePipe } from '@ngx-translate/core';
import { Message } from 'primeng/message';
import { Tag } from 'primeng/tag';
import { map } from 'rxjs';

/** How each signature validation result is shown: green, red, or amber. */
const INDICATIONS: Record<SignatureIndication, { key: string; severity: 'success' | 'danger' | 'warn'; icon: string }> = {
  PASSED: { key: _('verify.indication.PASSED'), severity: 'success', icon: 'pi pi-verified' },
  FAILED: { key: _('verify.indication.FAILED'), severity: 'danger', icon: 'pi pi-times-circle' },
  INDETERMINATE: { key: _('verify.indication.INDETERMINATE'), severity: 'warn', icon: 'pi pi-question-circle' },
};

const KINDS: Record<VerificationResult['kind'], string> = {
  version: _('verify.kind.version'),
  archive: _('verify.kind.archive'),
};

/**
 * What the QR code on a printed page resolves to (`/verify/:code`), for anyone holding the paper, signed in or not:
 * the facility, what the paper is, the patient's initials and record number, the SHA-256 to compare with the one
 * printed, when, each signature with its validation result, and whether a newer version exists.
 */
@Component({
  selector: 'bh-verify-page',
  imports: [DatePipe, TranslatePipe, Tag, Message, LanguageSwitch],
  templateUrl: './verify-page.html',
  styleUrl: './verify-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VerifyPage {
  private readonly api = inject(ArchiveApi);

  protected readonly dateTime = BH_DATE_TIME_FORMAT;
  protected readonly kinds = KINDS;
  protected readonly code = toSignal(inject(ActivatedRoute).paramMap.pipe(map((p) => p.get('code') ?? '')), { initialValue: '' });

  private readonly resource = rxResource({
    params: () => this.code() || undefined,
    stream: ({ params }) => this.api.verify(params),
  });
  protected readonly result = computed<VerificationResult | null>(() => (this.resource.hasValue() ? (this.resource.value() ?? null) : null));
  protected readonly loading = this.resource.isLoading;
  protected readonly errorKey = computed(() => {
    const error = this.resource.error();
    if (!error) return null;
    const status = statusOf(error);
    if (status === 404) return _('verify.notFound');
    if (status === 0) return _('verify.networkError');
    return _('verify.failed');
  });

  protected indication(value: SignatureIndication): { key: string; severity: 'success' | 'danger' | 'warn'; icon: string } {
    return INDICATIONS[value];
  }
}
