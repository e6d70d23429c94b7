import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  computed,
  contentChildren,
  Directive,
  DOCUMENT,
  effect,
  inject,
  input,
  output,
  signal,
  TemplateRef,
  untracked,
} from '@angular/core';
import { type AbstractControl, FormArray, FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import type { JsonSchema } from '@benhan/shared/contracts';
import { TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { Checkbox } from 'primeng/checkbox';
import { DatePicker } from 'primeng/datepicker';
import { Fieldset } from 'primeng/fieldset';
import { InputGroup } from 'primeng/inputgroup';
import { InputGroupAddon } from 'primeng/inputgroupaddon';
import { InputText } from 'primeng/inputtext';
import { Select } from 'primeng/select';
import { Textarea } from 'primeng/textarea';
import { LanguageService } from '../i18n/language.service';
import {
  applyServerErrors,
  type ArrayNode,
  buildControl,
  buildItem,
  clearServerErrors,
  describeSchema,
  type FieldMessage,
  type FieldNode,
  fieldId,
  formContent,
  type GroupNode,
  hasBlockingErrors,
  type LeafNode,
  messagesOf,
  nodeOf,
  SERVER_ERROR,
  type ServerFieldError,
  titleOf,
} from './schema-model';

/** What a code-field template gets: the control (holding the code) and how to render it. */
export interface SchemaCodeFieldContext {
  $implicit: FormControl<string | null>;
  inputId: string;
  node: LeafNode;
  invalid: boolean;
}

/**
 * A template for the fields of one code system (`x-code-system`), given by the page that knows the terminology,
 * e.g. `<ng-template bhSchemaCodeField="icd10" let-control let-id="inputId">…</ng-template>`. Fields of a code
 * system without a template are plain text inputs.
 */
@Directive({ selector: 'ng-template[bhSchemaCodeField]' })
export class SchemaCodeField {
  readonly codeSystem = input.required<string>({ alias: 'bhSchemaCodeField' });
  readonly template = inject<TemplateRef<SchemaCodeFieldContext>>(TemplateRef);

  static ngTemplateContextGuard(_dir: SchemaCodeField, _ctx: unknown): _ctx is SchemaCodeFieldContext {
    return true;
  }
}

/**
 * A form generated from a form's JSON Schema: one fieldset per section (the top-level properties) with a list of
 * sections to jump to, repeating groups with add/remove row, and validation messages derived from the schema.
 * `value` fills it (content as stored); `valueChange` emits the content as it would be stored after each edit.
 * Rebuilt when `schema` or `value` changes, so set `value` when a version is loaded, not after each save.
 */
@Component({
  selector: 'bh-schema-form',
  imports: [
    NgTemplateOutlet,
    ReactiveFormsModule,
    TranslatePipe,
    Fieldset,
    InputText,
    Textarea,
    InputGroup,
    InputGroupAddon,
    Select,
    Checkbox,
    DatePicker,
    ButtonDirective,
    ButtonIcon,
    ButtonLabel,
  ],
  templateUrl: './schema-form.html',
  styleUrl: './schema-form.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SchemaForm {
  private readonly cdr = inject(ChangeDetectorRef);
  private readonly document = inject(DOCUMENT);
  private readonly language = inject(LanguageService).language;

  readonly schema = input.required<JsonSchema>();
  readonly value = input<Record<string, unknown> | null>(null);
  /** Viewing a signed version: every field disabled, no add/remove. */
  readonly readonly = input(false);
  /** Check `required` as you type (for signing); drafts leave it to the server's completeness check. */
  readonly enforceRequired = input(false);
  readonly valueChange = output<Record<string, unknown>>();

  private readonly codeFields = contentChildren(SchemaCodeField);

  readonly root = computed<GroupNode>(() => describeSchema(this.schema()));
  readonly form = computed<FormGroup>(
    () => buildControl(this.root(), this.value(), { enforceRequired: this.enforceRequired() }) as FormGroup,
  );
  /** Server errors whose pointer names no field here; shown above the form. */
  readonly unplacedErrors = signal<ServerFieldError[]>([]);

  constructor() {
    effect((onCleanup) => {
      const form = this.form();
      if (untracked(this.readonly)) form.disable({ emitEvent: false });
      // Zoneless and OnPush: PrimeNG inputs change the form from their own views, so re-render on every form event.
      const events = form.events.subscribe(() => this.cdr.markForCheck());
      const values = form.valueChanges.subscribe(() => this.valueChange.emit(formContent(form)));
      onCleanup(() => {
        events.unsubscribe();
        values.unsubscribe();
      });
    });
    effect(() => {
      const form = this.form();
      if (this.readonly()) form.disable({ emitEvent: false });
      else form.enable({ emitEvent: false });
      this.cdr.markForCheck();
    });
  }

  /** The content as it would be stored now. */
  content(): Record<string, unknown> {
    return formContent(this.form());
  }

  /** A value the schema refuses (out of range, too long, wrong pattern); empty required fields do not count. */
  hasBlockingErrors(): boolean {
    return hasBlockingErrors(this.form());
  }

  /** Shows every field's messages (before a save). */
  markAllAsTouched(): void {
    this.form().markAllAsTouched();
    this.cdr.markForCheck();
  }

  /** Puts the server's field errors (JSON Pointers) on their fields; the others are listed above the form. */
  showServerErrors(errors: ServerFieldError[]): void {
    this.unplacedErrors.set(applyServerErrors(this.form(), errors));
    this.cdr.markForCheck();
  }

  clearServerErrors(): void {
    clearServerErrors(this.form());
    this.unplacedErrors.set([]);
    this.cdr.markForCheck();
  }

  /** Scrolls to the first field with a message and focuses it. */
  focusFirstError(): void {
    const first = this.document.querySelector<HTMLElement>('bh-schema-form .bh-sf__field--invalid input, bh-schema-form .bh-sf__field--invalid textarea');
    first?.scrollIntoView?.({ block: 'center' });
    first?.focus();
  }

  protected scrollTo(section: FieldNode): void {
    this.document.getElementById(this.sectionId(section))?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  protected sectionId(section: FieldNode): string {
    return fieldId(section.pointer) + '--section';
  }

  protected title(node: FieldNode): string {
    return titleOf(node, this.language());
  }

  protected optionLabel(label: string, labelEn: string | null): string {
    return this.language() === 'en' && labelEn ? labelEn : label;
  }

  /** Id of a control: its pointer with the row indexes filled in, so every field of every row differs. */
  protected idOf(pointer: string): string {
    return fieldId(pointer);
  }

  protected childPointer(parent: string, key: string | number): string {
    return `${parent}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
  }

  protected groupOf(control: AbstractControl): FormGroup {
    return control as FormGroup;
  }

  protected arrayOf(control: AbstractControl): FormArray {
    return control as FormArray;
  }

  protected controlOf(control: AbstractControl): FormControl {
    return control as FormControl;
  }

  protected childOf(group: AbstractControl, key: string): AbstractControl {
    return (group as FormGroup).controls[key];
  }

  protected asGroup(node: FieldNode): GroupNode {
    return node as GroupNode;
  }

  protected asArray(node: FieldNode): ArrayNode {
    return node as ArrayNode;
  }

  protected asLeaf(node: FieldNode): LeafNode {
    return node as LeafNode;
  }

  protected codeTemplate(system: string | null): TemplateRef<SchemaCodeFieldContext> | null {
    return this.codeFields().find((f) => f.codeSystem() === system)?.template ?? null;
  }

  /** A field's messages once the user has been there, or at once for the server's. */
  protected messages(control: AbstractControl): FieldMessage[] {
    if (!control.errors) return [];
    if (!control.touched && !control.dirty && !control.errors[SERVER_ERROR]) return [];
    return messagesOf(control.errors, nodeOf(control));
  }

  protected hasMessages(control: AbstractControl): boolean {
    return this.messages(control).length > 0;
  }

  protected addRow(array: AbstractControl, node: ArrayNode): void {
    (array as FormArray).push(buildItem(node, { enforceRequired: this.enforceRequired() }));
    this.cdr.markForCheck();
  }

  protected removeRow(array: AbstractControl, index: number): void {
    (array as FormArray).removeAt(index);
    array.markAsDirty();
    this.cdr.markForCheck();
  }

  protected canAdd(array: AbstractControl, node: ArrayNode): boolean {
    return !this.readonly() && (node.maxItems === null || (array as FormArray).length < node.maxItems);
  }
}
