export { SignaturesModule } from './lib/signatures.module';
export type { SignaturesOptions } from './lib/signatures.options';
export { PkiService } from './lib/pki.service';
export { SigningService, MAX_PIN_ATTEMPTS } from './lib/signing.service';
export { ValidationService } from './lib/validation.service';
