import { afterNextRender, Directive, ElementRef, inject } from '@angular/core';

/**
 * Puts the keyboard in the field a page is for as soon as it shows (the patient search, the sign-in name): the user types
 * at once, without reaching for the mouse. Only on pages whose first task is that field; never on a dialog's page behind it.
 */
@Directive({ selector: '[bhAutofocus]' })
export class AutofocusDirective {
  constructor() {
    const host = inject<ElementRef<HTMLElement>>(ElementRef);
    afterNextRender(() => host.nativeElement.focus({ preventScroll: true }));
  }
}
