import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import type { SignatureCheck, SignatureIndication, SignatureReport, SignerStep } from '@benhan/shared/contracts';
import { _, TranslatePipe } from '@ngx-translate/core';
import { BH_DATE_TIME_FORMAT } from '../i18n/date-formats';
import { SignatureBadge } from './signature-badge';
import { badgeStateOf, opensslVerifyCommand, SIGNATURE_CHECK_LABELS, type SignatureFileNames, signatureFileNames } from './signature-model';

/** Which file of a signature to download: the .p7s, the CA chain, or the canonical bytes that were signed. */
export type SignatureDownloadKind = keyof SignatureFileNames;

export interface SignatureDownload {
  kind: SignatureDownloadKind;
  report: SignatureReport;
  fileName: string;
}

interface ReportView {
  report: SignatureReport;
  stepLabel: string;
  files: SignatureFileNames;
  command: string;
  checks: (SignatureCheck & { labelKey: string; resultKey: string })[];
}

const RESULT_KEYS = {
  passed: _('signatures.report.checkPassed'),
  failed: _('signatures.report.checkFailed'),
  unknown: _('signatures.report.checkUnknown'),
};

/**
 * The validation report of signatures, readable by a clinician or an inspector: per signature who signed which step
 * when, the time-stamp, the certificate serial, the overall result and each check in plain words (failed ones in
 * red with the validator's detail), plus the three files and the exact OpenSSL command to verify it independently.
 * Downloads go through `(download)`: the page fetches them with the user's token.
 */
@Component({
  selector: 'bh-signature-report',
  imports: [DatePipe, TranslatePipe, SignatureBadge],
  templateUrl: './signature-report.html',
  styleUrl: './signature-report.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignatureReportPanel {
  readonly reports = input.required<readonly SignatureReport[]>();
  /** The set's overall result, shown above the signatures. */
  readonly indication = input<SignatureIndication | null>(null);
  /** The form's signer matrix, to name each step as on paper ("Bác sĩ làm bệnh án"). */
  readonly signers = input<readonly SignerStep[]>([]);

  readonly download = output<SignatureDownload>();

  protected readonly dateTime = BH_DATE_TIME_FORMAT;
  protected readonly copied = signal<string | null>(null);

  protected readonly overall = computed(() => {
    const indication = this.indication();
    return indication ? badgeStateOf(indication) : null;
  });

  protected readonly views = computed<ReportView[]>(() =>
    [...this.reports()]
      .sort((a, b) => a.versionNumber - b.versionNumber || a.step - b.step)
      .map((report) => {
        const files = signatureFileNames(report);
        return {
          report,
          stepLabel: this.signers().find((s) => s.step === report.step)?.label ?? report.role,
          files,
          command: opensslVerifyCommand(files),
          checks: report.checks.map((check) => ({
            ...check,
            labelKey: SIGNATURE_CHECK_LABELS[check.check] ?? check.check,
            resultKey: check.passed === true ? RESULT_KEYS.passed : check.passed === false ? RESULT_KEYS.failed : RESULT_KEYS.unknown,
          })),
        };
      }),
  );

  protected badgeOf(report: SignatureReport) {
    return badgeStateOf(report.indication);
  }

  protected copyKey(view: ReportView): string {
    return this.copied() === view.report.id ? _('signatures.report.copied') : _('signatures.report.copy');
  }

  protected fetch(view: ReportView, kind: SignatureDownloadKind): void {
    this.download.emit({
      kind,
      report: view.report,
      fileName: view.files[kind],
    });
  }

  protected async copy(view: ReportView): Promise<void> {
    try {
      await navigator.clipboard.writeText(view.command);
      this.copied.set(view.report.id);
    } catch {
      // No clipboard (insecure context, denied): the command stays selectable on screen.
      this.copied.set(null);
    }
  }
}
