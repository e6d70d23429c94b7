import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Digital signatures (R5–R8). The facility's own PKI (root and issuing CA, organisation seal, time-stamping
 * authority) with private keys encrypted at rest; a trust list that can also hold licensed CAs' roots;
 * users' signing certificates with their keys encrypted under the signing PIN; PIN lockout; revocation;
 * and the signatures themselves: CMS DER, the time-stamp token and the revocation status checked at
 * signing time, append-only like the sign-offs they belong to.
 */
export class Signatures1795800008000 implements MigrationInterface {
  name = 'Signatures1795800008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pki_authorities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        kind varchar(10) NOT NULL CHECK (kind IN ('root', 'issuing', 'seal', 'tsa')),
        serial varchar(64) NOT NULL,
        certificate_pem text NOT NULL,
        -- PKCS#8, encrypted under the server's key-encryption secret (PKI_KEY_SECRET).
        encrypted_key_pem text NOT NULL,
        created_at timestamptz NOT NULL,
        UNIQUE (facility_id, kind)
      );
      CREATE TRIGGER pki_authorities_immutable BEFORE UPDATE OR DELETE ON pki_authorities
        FOR EACH ROW EXECUTE FUNCTION reject_modification();

      CREATE TABLE trusted_certificates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        subject text NOT NULL,
        sha256 char(64) NOT NULL,
        certificate_pem text NOT NULL,
        source varchar(10) NOT NULL CHECK (source IN ('facility', 'imported')),
        created_at timestamptz NOT NULL,
        created_by uuid REFERENCES users(id),
        UNIQUE (facility_id, sha256)
      );

      CREATE TABLE signing_certificates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        user_id uuid NOT NULL REFERENCES users(id),
        serial varchar(64) NOT NULL UNIQUE,
        subject text NOT NULL,
        issuer text NOT NULL,
        certificate_pem text NOT NULL,
        chain_pem text NOT NULL,
        -- PKCS#8 encrypted under the user's signing PIN: never stored or logged in clear.
        encrypted_key_pem text NOT NULL,
        not_before timestamptz NOT NULL,
        not_after timestamptz NOT NULL,
        source varchar(10) NOT NULL CHECK (source IN ('issued', 'imported')),
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revocation_reason varchar(30),
        revoked_by uuid REFERENCES users(id),
        CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
      );
      CREATE UNIQUE INDEX signing_certificates_one_active_key ON signing_certificates (user_id) WHERE revoked_at IS NULL;
      -- A certificate never changes, except that it may be revoked once.
      CREATE FUNCTION guard_signing_certificate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'signing certificates are never deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.revoked_at IS NOT NULL OR NEW.id <> OLD.id OR NEW.serial <> OLD.serial OR NEW.certificate_pem <> OLD.certificate_pem
           OR NEW.encrypted_key_pem <> OLD.encrypted_key_pem OR NEW.user_id <> OLD.user_id OR NEW.chain_pem <> OLD.chain_pem THEN
          RAISE EXCEPTION 'a signing certificate can only be revoked, once' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER signing_certificates_guard BEFORE UPDATE OR DELETE ON signing_certificates
        FOR EACH ROW EXECUTE FUNCTION guard_signing_certificate();

      CREATE TABLE signing_pin_states (
        user_id uuid PRIMARY KEY REFERENCES users(id),
        failed_attempts integer NOT NULL DEFAULT 0,
        locked_at timestamptz
      );

      CREATE SEQUENCE crl_number_seq;

      CREATE TABLE signatures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        version_id uuid NOT NULL REFERENCES document_versions(id),
        signoff_id uuid NOT NULL UNIQUE REFERENCES document_signoffs(id),
        signer_id uuid NOT NULL REFERENCES users(id),
        step integer NOT NULL,
        role varchar(20) NOT NULL,
        certificate_id uuid NOT NULL REFERENCES signing_certificates(id),
        certificate_serial varchar(64) NOT NULL,
        chain_pem text NOT NULL,
        content_hash char(64) NOT NULL,
        cms_der bytea NOT NULL,
        signing_time timestamptz NOT NULL,
        timestamp_token bytea,
        timestamped_at timestamptz,
        -- Long-term validation data: the certificate's status as checked when signing.
        revocation_status varchar(10) NOT NULL CHECK (revocation_status IN ('good')),
        revocation_checked_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX signatures_version_idx ON signatures (version_id);
      CREATE INDEX signatures_signer_idx ON signatures (signer_id, created_at);
      CREATE TRIGGER signatures_append_only BEFORE UPDATE OR DELETE ON signatures
        FOR EACH ROW EXECUTE FUNCTION reject_modification();
      CREATE TRIGGER signatures_no_truncate BEFORE TRUNCATE ON signatures
        FOR EACH STATEMENT EXECUTE FUNCTION reject_modification();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE signatures, signing_pin_states, signing_certificates, trusted_certificates, pki_authorities;
      DROP SEQUENCE crl_number_seq;
      DROP FUNCTION guard_signing_certificate();
    `);
  }
}
