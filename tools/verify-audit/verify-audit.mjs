#!/usr/bin/env node
// Offline verifier for a Benhan audit bundle (GET /api/audit/bundle; format in
// libs/shared/contracts/src/lib/audit/audit.contract.ts). Plain Node and the `openssl` command: no Benhan
// code, no npm packages, no database, so an auditor can read every line of what they run. The canonical
// JSON and the hashing are written here again on purpose: an independent implementation of the chain
// format, not a reuse of the server's.
//
//   node tools/verify-audit/verify-audit.mjs <bundle.json> [--json] [--roots <trusted-roots.pem>]
//
// Exit 0: OK. Exit 1: BROKEN (the first broken event is named). Exit 2: unusable input or no openssl.
import { spawnSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const GENESIS = '0'.repeat(64);
const HEX64 = /^[0-9a-f]{64}$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Input this tool cannot check at all: reported with exit 2, never as OK or BROKEN. */
export class UnusableInput extends Error {}

/**
 * RFC 8785 (JCS) canonical JSON. Object keys sorted by UTF-16 code units (what Array#sort does with
 * strings); strings and numbers as ECMAScript's JSON.stringify writes them, which is what RFC 8785 defines.
 * RFC 8785 is for I-JSON: JSON.parse turns 1e400 into Infinity and "\ud800" into a lone surrogate, and
 * both are refused (as the server refuses to write them) rather than written as something else.
 */
export function canonicalJson(value) {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) throw new Error('a string has a lone surrogate, which is not I-JSON');
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`a number is not finite (${value})`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${canonicalJson(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  throw new Error(`a value of type ${typeof value} has no JSON form`);
}

// Every event field that goes into the hashed body. actorName, seq, hash and previousHash do not.
const BODY_FIELDS = [
  'facilityId', 'occurredAt', 'action', 'outcome', 'actorUserId', 'actorUsername', 'actorRoles', 'actorDepartmentId',
  'resourceType', 'resourceId', 'resourceVersion', 'patientId', 'clientAddress', 'userAgent', 'requestId', 'reason', 'detail',
];

/** The canonical body of an event (chain format v1). A missing field is an error, not a silent null. */
export function eventBody(e) {
  const missing = BODY_FIELDS.filter((f) => !(f in e) || e[f] === undefined);
  if (missing.length) throw new Error(`the event has no ${missing.join(', ')}`);
  return canonicalJson({
    v: 1,
    facilityId: e.facilityId,
    occurredAt: e.occurredAt,
    action: e.action,
    outcome: e.outcome,
    actor: { userId: e.actorUserId, username: e.actorUsername, roles: e.actorRoles, departmentId: e.actorDepartmentId },
    resource: { type: e.resourceType, id: e.resourceId, version: e.resourceVersion },
    patientId: e.patientId,
    client: { address: e.clientAddress, userAgent: e.userAgent, requestId: e.requestId },
    reason: e.reason,
    detail: e.detail,
  });
}

/** SHA-256(previousHash as 32 bytes ‖ seq as 8-byte big-endian ‖ UTF-8 body), lower-case hex. */
export function chainHash(previousHash, seq, body) {
  const seqBytes = Buffer.alloc(8);
  seqBytes.writeBigUInt64BE(BigInt(seq));
  return createHash('sha256').update(Buffer.from(previousHash, 'hex')).update(seqBytes).update(body, 'utf8').digest('hex');
}

/** The bytes a checkpoint's CMS signs. */
export function checkpointStatement(facilityId, checkpoint) {
  const { seq, head, at } = checkpoint;
  return Buffer.from(canonicalJson({ v: 1, type: 'benhan-audit-checkpoint', facilityId, seq, head, at }), 'utf8');
}

const short = (hash) => (typeof hash === 'string' ? `${hash.slice(0, 12)}…` : String(hash));
const eventLabel = (e) => `action ${e.action} by ${e.actorUsername ?? '(no user)'} at ${e.occurredAt}`;

/** Refuses what is not a bundle at all (exit 2); anything wrong inside an event is left for verify() to report. */
function checkShape(bundle) {
  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(bundle) || bundle.format !== 'benhan-audit-bundle') throw new UnusableInput('not a Benhan audit bundle (format is not "benhan-audit-bundle")');
  if (bundle.version !== 1) throw new UnusableInput(`bundle version ${JSON.stringify(bundle.version)} is not supported (only 1)`);
  if (!isObject(bundle.facility) || typeof bundle.facility.id !== 'string') throw new UnusableInput('the bundle has no facility.id');
  const { anchor } = bundle;
  if (!isObject(anchor) || !Number.isSafeInteger(anchor.seq) || anchor.seq < 0 || typeof anchor.hash !== 'string' || !HEX64.test(anchor.hash)) {
    throw new UnusableInput('the bundle has no valid anchor { seq, hash }');
  }
  if (!Array.isArray(bundle.events) || !Array.isArray(bundle.checkpoints)) throw new UnusableInput('the bundle has no events or checkpoints list');
  bundle.events.forEach((e, i) => {
    if (!isObject(e) || !Number.isSafeInteger(e.seq)) throw new UnusableInput(`events[${i}] has no integer seq`);
  });
  bundle.checkpoints.forEach((c, i) => {
    const ok = isObject(c) && Number.isSafeInteger(c.seq) && ['head', 'at', 'cms'].every((k) => typeof c[k] === 'string');
    if (!ok) throw new UnusableInput(`checkpoints[${i}] lacks an integer seq or a string head, at or cms`);
  });
  const certs = bundle.certificates;
  if (!isObject(certs) || !Array.isArray(certs.roots) || !Array.isArray(certs.chain) || ![...certs.roots, ...certs.chain].every((p) => typeof p === 'string')) {
    throw new UnusableInput('the bundle has no certificates { roots, chain } as PEM strings');
  }
}

/** The openssl binary answers, or the input is unusable here (exit 2): a checkpoint must never pass unchecked. */
function requireOpenssl() {
  const r = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new UnusableInput(`openssl is not available (${r.error?.message ?? r.stderr.trim()}); it is needed to verify checkpoint signatures`);
}

/**
 * OpenSSL 3 error lines look like "40F7…:error:10800064:CMS routines:func:reason:file:line:data"; keep each
 * line's "reason (data)", the part a person can act on, first error first, on one line. Any other output:
 * its first non-empty line as it is.
 */
function opensslError(stderr) {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const reasons = lines
    .map((l) => l.split(':'))
    .filter((p) => p[1] === 'error' && p.length >= 6)
    .map((p) => {
      const data = p.slice(8).join(':').trim();
      return data ? `${p[5]} (${data})` : p[5];
    });
  return reasons.length ? [...new Set(reasons)].join('; ') : (lines[0] ?? 'openssl failed without a message');
}

/**
 * Verifies a checkpoint's detached CMS over its statement. -content makes openssl check that the signed
 * message digest covers exactly the statement bytes. -no-CApath/-no-CAstore: only the given roots are
 * trusted (without them OpenSSL also trusts the system's CA directory). -attime: the seal certificate is
 * checked as at the checkpoint's own time, so an old checkpoint stays verifiable after the seal expires.
 * Returns null when it verifies, else openssl's error lines in short (see opensslError).
 */
function verifyCms(dir, statement, checkpoint, rootsPem, chainPem) {
  const file = (name, data) => {
    const path = join(dir, name);
    writeFileSync(path, data);
    return path;
  };
  const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', file('cms.der', Buffer.from(checkpoint.cms, 'base64'))];
  args.push('-content', file('statement.bin', statement), '-CAfile', file('roots.pem', rootsPem), '-no-CApath', '-no-CAstore');
  if (chainPem.trim()) args.push('-certfile', file('chain.pem', chainPem));
  const at = Date.parse(checkpoint.at);
  if (Number.isFinite(at)) args.push('-attime', String(Math.floor(at / 1000)));
  args.push('-purpose', 'any', '-out', join(dir, 'content.out'));
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  if (r.error) return `openssl could not run: ${r.error.message}`;
  return r.status === 0 ? null : opensslError(r.stderr);
}

/** SHA-256 fingerprints of PEM certificates, so an auditor can compare the roots with the facility's own. */
function fingerprints(pems) {
  return pems.flatMap((pem) => pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((pem) => {
    try {
      return new X509Certificate(pem).fingerprint256;
    } catch {
      return 'unreadable certificate';
    }
  });
}

/**
 * Checks a parsed bundle; stops at the first failure, walking in seq order so the failure reported is the
 * earliest one. `trustedRoots` (PEM strings) replaces the bundle's own roots when the auditor has them.
 */
export function verify(bundle, { trustedRoots } = {}) {
  checkShape(bundle);
  const facilityId = bundle.facility.id;
  const anchor = bundle.anchor;
  const events = [...bundle.events].sort((a, b) => a.seq - b.seq);
  const lastSeq = events.length ? events[events.length - 1].seq : anchor.seq;
  // Checkpoints before the anchor cannot be checked against anything in the bundle: counted, then ignored.
  const checkpoints = bundle.checkpoints.filter((c) => c.seq >= anchor.seq && c.seq > 0).sort((a, b) => a.seq - b.seq);
  const roots = trustedRoots ?? bundle.certificates.roots;
  const result = {
    status: 'OK',
    facilityId,
    fromSeq: events.length ? anchor.seq + 1 : null,
    toSeq: events.length ? lastSeq : null,
    anchor: { seq: anchor.seq, hash: anchor.hash, sealed: anchor.seq === 0 },
    eventsChecked: 0,
    checkpointsChecked: 0,
    checkpointsIgnored: bundle.checkpoints.length - checkpoints.length,
    lastCheckpointSeq: null,
    unsealedEvents: 0,
    roots: { source: trustedRoots ? 'given' : 'bundle', fingerprints: fingerprints(roots) },
    failure: null,
  };
  const broken = (seq, problem, detail, extra = {}) => {
    result.status = 'BROKEN';
    result.failure = { seq, problem, detail, ...extra };
    return result;
  };
  if (checkpoints.length) requireOpenssl();

  const dir = checkpoints.length ? mkdtempSync(join(tmpdir(), 'verify-audit-')) : null;
  try {
    let running = anchor.seq === 0 ? GENESIS : anchor.hash;
    let expectedSeq = anchor.seq + 1;
    let next = 0; // the next checkpoint to check

    // The checkpoints at `seq` (whose chain hash is `head`): the head must match and the seal must verify.
    const checkCheckpointsAt = (seq, head) => {
      for (; next < checkpoints.length && checkpoints[next].seq === seq; next++) {
        const c = checkpoints[next];
        const id = c.id ?? `at seq ${c.seq}`;
        if (c.head !== head) {
          return broken(seq, 'checkpoint_head_mismatch', `checkpoint ${id} seals head ${short(c.head)} but the chain hashes to ${short(head)} at seq ${seq}`, { checkpointId: c.id, expected: c.head, actual: head });
        }
        if (c.facilityId !== undefined && c.facilityId !== facilityId) {
          return broken(seq, 'checkpoint_signature_invalid', `checkpoint ${id} is for facility ${c.facilityId}, the bundle is for ${facilityId}`, { checkpointId: c.id });
        }
        const error = verifyCms(dir, checkpointStatement(facilityId, c), c, roots.join('\n'), bundle.certificates.chain.join('\n'));
        if (error) return broken(seq, 'checkpoint_signature_invalid', `checkpoint ${id}: openssl: ${error}`, { checkpointId: c.id });
        result.checkpointsChecked++;
        result.lastCheckpointSeq = seq;
        result.anchor.sealed = true; // a verified head at or after the anchor commits to the anchor's hash too
      }
      return null;
    };

    // A genesis bundle must start from 32 zero bytes whatever its anchor says.
    if (anchor.seq === 0 && anchor.hash !== GENESIS) {
      return broken(1, 'previous_hash_mismatch', `a chain from seq 1 starts at ${short(GENESIS)} but the bundle's anchor is ${short(anchor.hash)}`);
    }
    if (checkCheckpointsAt(anchor.seq, anchor.hash)) return result;

    for (const e of events) {
      if (e.seq !== expectedSeq) {
        const missing = e.seq - 1 === expectedSeq ? `event ${expectedSeq} is missing` : `events ${expectedSeq}–${e.seq - 1} are missing`;
        const what = e.seq < expectedSeq ? `seq ${e.seq} appears twice` : missing;
        return broken(expectedSeq, 'sequence_gap', `expected event ${expectedSeq} but found ${e.seq}: ${what}`);
      }
      if (e.previousHash !== running) {
        return broken(e.seq, 'previous_hash_mismatch', `previousHash is ${short(e.previousHash)} but the event before hashes to ${short(running)}; ${eventLabel(e)}`, { expected: running, actual: e.previousHash });
      }
      let hash;
      try {
        hash = chainHash(running, e.seq, eventBody(e));
      } catch (err) {
        return broken(e.seq, 'hash_mismatch', `the event cannot be canonicalised (${err.message}), so it cannot be the event that was hashed; ${eventLabel(e)}`);
      }
      if (e.hash !== hash) {
        return broken(e.seq, 'hash_mismatch', `stored ${short(e.hash)} but the event hashes to ${short(hash)}; ${eventLabel(e)}`, { expected: e.hash, actual: hash });
      }
      running = hash;
      expectedSeq++;
      result.eventsChecked++;
      if (checkCheckpointsAt(e.seq, hash)) return result;
    }

    // A checkpoint past the last event: sealed events are missing from the bundle (e.g. a truncated tail).
    if (next < checkpoints.length) {
      const c = checkpoints[next];
      return broken(c.seq, 'checkpoint_missing_event', `checkpoint ${c.id ?? `at seq ${c.seq}`} seals seq ${c.seq} but the bundle's events end at ${lastSeq}`, { checkpointId: c.id });
    }
    result.unsealedEvents = lastSeq - (result.lastCheckpointSeq ?? anchor.seq);
    return result;
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** The one summary line under OK. */
export function summary(r) {
  const range = r.eventsChecked ? `seq ${r.fromSeq}–${r.toSeq}` : 'no events';
  const sealed = r.lastCheckpointSeq === null ? 'none sealed' : `last at seq ${r.lastCheckpointSeq}`;
  const anchor = r.anchor.seq === 0 ? 'from genesis' : `anchor at seq ${r.anchor.seq} ${r.anchor.sealed ? 'covered by a checkpoint' : 'TRUSTED AS GIVEN (no checkpoint covers it)'}`;
  const roots = r.roots.source === 'given' ? 'the given roots' : "the bundle's own roots";
  return `${r.eventsChecked} events checked (${range}, ${anchor}), ${r.checkpointsChecked} checkpoints verified against ${roots} (${sealed}), ${r.unsealedEvents} unsealed events after the last checkpoint`;
}

const USAGE = 'usage: node tools/verify-audit/verify-audit.mjs <bundle.json> [--json] [--roots <trusted-roots.pem>]';

function main(argv) {
  let json = false;
  let file;
  let rootsFile;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') json = true;
    else if (argv[i] === '--roots') rootsFile = argv[++i];
    else if (argv[i] === '-h' || argv[i] === '--help') return { out: USAGE, code: 0 };
    else if (argv[i].startsWith('-') || file) return { err: USAGE, code: 2, json };
    else file = argv[i];
  }
  if (!file || (argv.includes('--roots') && !rootsFile)) return { err: USAGE, code: 2, json };
  try {
    const read = (path, what) => {
      try {
        return readFileSync(path, 'utf8');
      } catch (err) {
        throw new UnusableInput(`cannot read ${what} ${path}: ${err.message}`);
      }
    };
    let bundle;
    try {
      bundle = JSON.parse(read(file, 'the bundle'));
    } catch (err) {
      throw err instanceof UnusableInput ? err : new UnusableInput(`${file} is not JSON: ${err.message}`);
    }
    const trustedRoots = rootsFile ? [read(rootsFile, 'the roots file')] : undefined;
    if (trustedRoots && !fingerprints(trustedRoots).length) throw new UnusableInput(`${rootsFile} holds no PEM certificate`);
    const r = verify(bundle, { trustedRoots });
    if (json) return { out: JSON.stringify(r, null, 2), code: r.status === 'OK' ? 0 : 1 };
    if (r.status === 'OK') return { out: `OK\n${summary(r)}`, code: 0 };
    const f = r.failure;
    return { out: `BROKEN at event ${f.seq} (${f.problem}): ${f.detail}`, code: 1 };
  } catch (err) {
    // Anything unforeseen is "could not check" (2), never mistaken for BROKEN (1) as a crash's exit code would be.
    const message = err instanceof UnusableInput ? err.message : `unexpected error: ${err.stack ?? err}`;
    return { err: `verify-audit: ${message}`, code: 2, json };
  }
}

// Run only as a command (also through a symlink), so the functions above can also be imported.
function invokedAs() {
  try {
    return pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return ''; // no script path (node -e, a REPL): imported, not run
  }
}
if (import.meta.url === invokedAs()) {
  const { out, err, code, json } = main(process.argv.slice(2));
  if (out) console.log(out);
  if (err) {
    if (json) console.log(JSON.stringify({ status: 'ERROR', error: err }, null, 2));
    console.error(err);
  }
  process.exitCode = code;
}
