import { PkiAuthorityEntity } from './pki-authority.entity';
import { SignatureEntity } from './signature.entity';
import { SigningCertificateEntity } from './signing-certificate.entity';
import { SigningPinStateEntity } from './signing-pin-state.entity';
import { TrustedCertificateEntity } from './trusted-certificate.entity';

export { PkiAuthorityEntity, SignatureEntity, SigningCertificateEntity, SigningPinStateEntity, TrustedCertificateEntity };
export type { AuthorityKind } from './pki-authority.entity';
export const SIGNATURE_ENTITIES = [PkiAuthorityEntity, TrustedCertificateEntity, SigningCertificateEntity, SigningPinStateEntity, SignatureEntity];
