import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentUser, Public, Requires, type AuthenticatedPrincipal, type UserPrincipal } from '@benhan/api/core';
import type { MySigningState, SignatureReport, SignatureReportSet, SignatureSummary, SigningCertificate } from '@benhan/shared/contracts';
import { CertificateQueryDto, PinDto, Pkcs12ImportDto, RevokeDto, SignatureQueryDto, TrustedRootDto } from './dto/signature.dto';
import { SignatureAccess } from './signature-access';
import { SigningService } from './signing.service';
import { TrustService, type TrustedCertificate } from './trust.service';
import { ValidationService } from './validation.service';

const READERS = ['doctor', 'nurse', 'records_officer', 'inspector'] as const;
const SIGNERS = ['doctor', 'nurse'] as const;

@ApiTags('signatures')
@Controller('api')
export class SignaturesController {
  constructor(
    private readonly signing: SigningService,
    private readonly validation: ValidationService,
    private readonly access: SignatureAccess,
    private readonly trust: TrustService,
  ) {}

  @Get('me/signing')
  @Requires(...SIGNERS)
  mySigning(@CurrentUser() user: UserPrincipal): Promise<MySigningState> {
    return this.signing.state(user);
  }

  @Post('me/signing/enrol')
  @Requires(...SIGNERS)
  @ApiOperation({ summary: 'Choose a signing PIN; Benhan issues your signing certificate' })
  enrol(@CurrentUser() user: UserPrincipal, @Body() body: PinDto): Promise<MySigningState> {
    return this.signing.enrol(user, body.pin);
  }

  @Post('versions/:versionId/signatures')
  @Requires(...SIGNERS)
  @ApiOperation({ summary: 'Sign the next step of the signer matrix that is yours (CMS detached, CAdES-BES, time-stamped)' })
  async sign(@CurrentUser() user: UserPrincipal, @Param('versionId', ParseUUIDPipe) versionId: string, @Body() body: PinDto): Promise<SignatureSummary> {
    await this.access.requireVersion(user, versionId);
    return this.signing.sign(user, versionId, body.pin);
  }

  @Get('versions/:versionId/canonical')
  @Requires(...READERS)
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOperation({ summary: 'The exact bytes the signatures of this version cover (RFC 8785 canonical JSON)' })
  async canonical(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('versionId', ParseUUIDPipe) versionId: string): Promise<StreamableFile> {
    return new StreamableFile(await this.access.canonical(principal, versionId), { disposition: `attachment; filename="version-${versionId}.json"` });
  }

  @Get('versions/:versionId/signatures/report')
  @Requires(...READERS)
  async versionReport(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('versionId', ParseUUIDPipe) versionId: string): Promise<SignatureReportSet> {
    await this.access.requireVersion(principal, versionId);
    return this.validation.reportSet(principal.facilityId, { versionId });
  }

  @Get('documents/:id/signatures/report')
  @Requires(...READERS)
  async documentReport(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<SignatureReportSet> {
    await this.access.requireDocument(principal, id);
    return this.validation.reportSet(principal.facilityId, { documentId: id });
  }

  @Get('encounters/:id/signatures/report')
  @Requires(...READERS)
  async encounterReport(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<SignatureReportSet> {
    await this.access.requireEncounter(principal, id);
    return this.validation.reportSet(principal.facilityId, { encounterId: id });
  }

  @Get('signatures')
  @Requires(...READERS)
  @ApiOperation({ summary: 'Signatures of a patient, a document or a signer' })
  async list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Query() query: SignatureQueryDto): Promise<SignatureSummary[]> {
    const filter = await this.access.listFilter(principal, query);
    return this.access.listVisible(principal, filter, query.limit);
  }

  @Get('signatures/:id/report')
  @Requires(...READERS)
  async report(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<SignatureReport> {
    await this.access.requireSignature(principal, id);
    return this.validation.report(principal.facilityId, id);
  }

  @Get('signatures/:id/p7s')
  @Requires(...READERS)
  @Header('Content-Type', 'application/pkcs7-signature')
  async p7s(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const signature = await this.access.requireSignature(principal, id);
    return new StreamableFile(signature.cmsDer, { disposition: `attachment; filename="signature-${id}.p7s"` });
  }

  @Get('signatures/:id/chain')
  @Requires(...READERS)
  @Header('Content-Type', 'application/x-pem-file')
  async chain(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const signature = await this.access.requireSignature(principal, id);
    return new StreamableFile(Buffer.from(await this.access.chainOf(signature)), { disposition: `attachment; filename="chain-${id}.pem"` });
  }

  @Get('signatures/:id/kit')
  @Requires(...READERS)
  @Header('Content-Type', 'application/x-tar')
  @ApiOperation({ summary: 'Verification kit (tar): the canonical JSON, the .p7s, the chain and a README with the openssl command' })
  async kit(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const signature = await this.access.requireSignature(principal, id);
    return new StreamableFile(await this.access.kit(principal, signature), { disposition: `attachment; filename="verification-kit-${id}.tar"` });
  }

  @Get('certificates')
  @Requires('admin')
  certificates(@CurrentUser() user: UserPrincipal, @Query() query: CertificateQueryDto): Promise<SigningCertificate[]> {
    return this.signing.certificates(user.facilityId, query.userId);
  }

  @Post('certificates/:serial/revoke')
  @HttpCode(200)
  @Requires('admin')
  @ApiOperation({ summary: 'Revoke a signing certificate (it can no longer sign; earlier signatures stay valid)' })
  revoke(@CurrentUser() user: UserPrincipal, @Param('serial') serial: string, @Body() body: RevokeDto): Promise<SigningCertificate> {
    return this.signing.revoke(user, serial, body.reason);
  }

  @Post('users/:id/signing/pkcs12')
  @Requires('admin')
  @ApiOperation({ summary: "Import a user's certificate and key from a PKCS#12 file (e.g. from a licensed CA), under a signing PIN" })
  importPkcs12(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: Pkcs12ImportDto): Promise<SigningCertificate> {
    return this.trust.importPkcs12(user, id, body);
  }

  @Get('pki/trusted')
  @Requires('admin', 'inspector')
  trusted(@CurrentUser() user: UserPrincipal): Promise<TrustedCertificate[]> {
    return this.trust.list(user.facilityId);
  }

  @Post('pki/trusted')
  @Requires('admin')
  @ApiOperation({ summary: "Add a licensed CA's root certificate to the facility trust list" })
  addTrusted(@CurrentUser() user: UserPrincipal, @Body() body: TrustedRootDto): Promise<TrustedCertificate> {
    return this.trust.addRoot(user, body.certificatePem);
  }

  @Post('users/:id/signing/unlock')
  @HttpCode(204)
  @Requires('admin')
  async unlock(@CurrentUser() user: UserPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.signing.unlock(user, id);
  }
}

/** What outsiders need to verify Benhan's signatures without an account: the CA chain and the CRL. */
@ApiTags('signatures')
@Controller('api/pki')
export class PkiController {
  constructor(private readonly access: SignatureAccess) {}

  @Get('ca')
  @Public()
  @Header('Content-Type', 'application/x-pem-file')
  @ApiOperation({ summary: "The facility's CA chain (issuing CA, root), PEM" })
  async ca(): Promise<string> {
    return this.access.defaultChain();
  }

  @Get('crl')
  @Public()
  @Header('Content-Type', 'application/pkix-crl')
  @ApiOperation({ summary: "The issuing CA's certificate revocation list (DER), named in every user certificate" })
  async crl(): Promise<StreamableFile> {
    return new StreamableFile(await this.access.defaultCrl());
  }

  @Get('root-crl')
  @Public()
  @Header('Content-Type', 'application/pkix-crl')
  @ApiOperation({ summary: "The root CA's revocation list (DER), named in the issuing CA's certificate" })
  async rootCrl(): Promise<StreamableFile> {
    return new StreamableFile(await this.access.defaultRootCrl());
  }
}
