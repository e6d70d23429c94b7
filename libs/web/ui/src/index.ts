export { LANGUAGES, DEFAULT_LANGUAGE, isLanguage, type Language } from './lib/i18n/languages';
export { BH_DATE_FORMAT, BH_TIME_FORMAT, BH_DATE_TIME_FORMAT, BH_DAY_MONTH_FORMAT } from './lib/i18n/date-formats';
export { BH_LOCALE, formatVnDate, formatVnNumber, type BhDateStyle } from './lib/formats/vn-format';
export { BhDatePipe, BhNumberPipe } from './lib/formats/vn-format.pipes';
export { BenhanPreset } from './lib/theme/benhan-preset';
export { provideBenhanTheme } from './lib/theme/provide-benhan-theme';
export { LanguageService } from './lib/i18n/language.service';
export { optionsOf, TranslatedOptionsPipe, type SelectOption } from './lib/i18n/select-options';
export { AutofocusDirective } from './lib/focus/autofocus.directive';
export { serverPage, type ServerPage, type ServerPageOptions } from './lib/paging/server-page';
export { TranslatedTitleStrategy } from './lib/i18n/translated-title-strategy';
export { provideBenhanI18n } from './lib/i18n/provide-i18n';
export { provideI18nTesting } from './lib/testing/provide-i18n-testing';
export { LanguageSwitch } from './lib/language-switch/language-switch';
export { WorkspacePlaceholder } from './lib/workspace-placeholder/workspace-placeholder';
export {
  WorkspaceFrame,
  workspaceFrameData,
  type WorkspaceFrameConfig,
  type WorkspaceTab,
} from './lib/workspace-frame/workspace-frame';
export { BedPicker } from './lib/bed-picker/bed-picker';
export { BirthDatePipe, type BirthInfo } from './lib/dates/birth-date.pipe';
export { formatLocalIsoDate, fromLocalIsoDate, toLocalIsoDate } from './lib/dates/local-date';
export { SchemaForm, SchemaCodeField, type SchemaCodeFieldContext } from './lib/schema-form/schema-form';
export {
  describeSchema,
  labelOfPointer,
  displayValue,
  titleOf,
  fieldId,
  type FieldNode,
  type GroupNode,
  type LeafNode,
  type ArrayNode,
  type PointerLabel,
  type ServerFieldError,
} from './lib/schema-form/schema-model';
export { PinDialog, type PinDialogProblem } from './lib/signatures/pin-dialog';
export { SignatureBadge } from './lib/signatures/signature-badge';
export { SignatureReportPanel, type SignatureDownload, type SignatureDownloadKind } from './lib/signatures/signature-report';
export {
  PIN_PATTERN,
  pinProblem,
  badgeStateOf,
  signatureBadges,
  signatureFileNames,
  opensslVerifyCommand,
  saveBlob,
  SIGNATURE_CHECK_LABELS,
  SIGNATURE_BADGE_LABELS,
  type PinDialogMode,
  type SignatureBadgeState,
  type SignatureBadgeView,
  type SignatureFileNames,
} from './lib/signatures/signature-model';
export { PrintPreview, versionPdfFileName } from './lib/print-preview/print-preview';
