export { SignaturesModule } from './lib/signatures.module';
export type { SignaturesOptions } from './lib/signatures.options';
export { PkiService } from './lib/pki.service';
export { SigningService } from './lib/signing.service';
export { MAX_PIN_ATTEMPTS, SIGNER, type Signer, type UnlockedSigner } from './lib/signer';
export { ValidationService } from './lib/validation.service';
export { SignatureQueries, type TrailRow } from './lib/signature-queries';
