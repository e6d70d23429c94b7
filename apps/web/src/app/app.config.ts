import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { type ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter } from '@angular/router';
import Aura from '@primeuix/themes/aura';
import { authInterceptor, provideAuthSession } from '@benhan/web/data-access';
import { provideBenhanI18n } from '@benhan/web/ui';
import { providePrimeNG } from 'primeng/config';
import { appRoutes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(appRoutes),
    provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
    // Dark mode only on an explicit class: ward PCs follow no OS theme we could test against.
    providePrimeNG({ theme: { preset: Aura, options: { darkModeSelector: '.bh-dark' } } }),
    provideBenhanI18n(),
    provideAuthSession(),
  ],
};
