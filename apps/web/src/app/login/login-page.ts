import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { AuthService, safeReturnUrl } from '@benhan/web/data-access';
import { AutofocusDirective, LanguageSwitch } from '@benhan/web/ui';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonLabel } from 'primeng/button';
import { InputText } from 'primeng/inputtext';
import { Message } from 'primeng/message';
import { Password } from 'primeng/password';
import { finalize } from 'rxjs';
import { loginErrorKey } from './login-error';

@Component({
  selector: 'bh-login-page',
  imports: [ReactiveFormsModule, TranslatePipe, ButtonDirective, ButtonLabel, InputText, Password, Message, LanguageSwitch, AutofocusDirective],
  templateUrl: './login-page.html',
  styleUrl: './login-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  /** Where the user was when their session expired (set by the guards and AuthService.expireSession). */
  private readonly returnUrl = safeReturnUrl(inject(ActivatedRoute).snapshot.queryParamMap.get('returnUrl'));

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', Validators.required],
    password: ['', Validators.required],
  });
  protected readonly submitting = signal(false);
  protected readonly submitted = signal(false);
  /** Translation key of the error under the title, or null. */
  protected readonly errorKey = signal<string | null>(null);

  protected showRequired(control: 'username' | 'password'): boolean {
    const c = this.form.controls[control];
    // Not for a field merely left (the name has the focus on arrival: picking a language leaves it): once edited, or on submit.
    return c.hasError('required') && ((c.touched && c.dirty) || this.submitted());
  }

  protected submit(): void {
    this.submitted.set(true);
    if (this.form.invalid || this.submitting()) {
      this.form.markAllAsTouched();
      return;
    }
    const { username, password } = this.form.getRawValue();
    this.submitting.set(true);
    this.errorKey.set(null);
    this.auth
      .login({ username: username.trim(), password })
      .pipe(finalize(() => this.submitting.set(false)))
      .subscribe({
        next: () => {
          if (this.auth.workspaces().length === 0) {
            // Signed in but nothing to open: say so instead of showing an empty shell.
            this.auth.clearSession();
            this.errorKey.set(_('login.error.noWorkspace'));
            return;
          }
          // Back where the session expired; the workspace guards still send a user elsewhere if it is not theirs.
          void this.router.navigateByUrl(this.returnUrl ?? this.auth.homeUrl());
        },
        error: (error: unknown) => {
          this.errorKey.set(loginErrorKey(error));
          this.form.controls.password.reset();
        },
      });
  }
}
