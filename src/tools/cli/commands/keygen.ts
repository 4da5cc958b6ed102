// `oauth1 keygen`: an RSA key pair for RSA-SHA1 signing (RFC 5849 §3.4.3) — private.pem, public.pem, a self-signed cert.pem and key.pfx — for Jira/Confluence application links and other RSA consumers.

import { parseArgs } from 'node:util';
import { lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import { createHash, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
// node-forge: Node's crypto makes keys but neither X.509 certificates nor PKCS#12 files.
import forge from 'node-forge';
import { CliError, EXIT, UsageError, type CliCommand, type CliIo } from '../shared/io.js';
import { passphraseFromEnv } from '../shared/credentials.js';
import { createNewFile, fileKind } from '../shared/secret-file.js';

const OPTIONS = {
  out: { type: 'string' },
  bits: { type: 'string' },
  days: { type: 'string' },
  subject: { type: 'string' },
  'passphrase-env': { type: 'string' },
  force: { type: 'boolean' },
} as const;

const DEFAULT_SUBJECT = 'CN=oauth1-toolkit application link';
const BITS = [2048, 3072, 4096];
const SUBJECT_FIELDS: Readonly<Record<string, string>> = { CN: 'commonName', O: 'organizationName', OU: 'organizationalUnitName', L: 'localityName', ST: 'stateOrProvinceName', C: 'countryName' };

const HELP = `Usage: oauth1 keygen --out DIR [--bits 2048|3072|4096] [--days N] [--subject 'CN=…,O=…']
                     [--passphrase-env VAR] [--force]

Makes an RSA key pair for RSA-SHA1 signing (a Jira or Confluence Data Center application link,
or any provider that takes your public key or certificate) and writes four files into DIR:

  private.pem   the private key, PKCS#8 PEM ("BEGIN PRIVATE KEY"; "BEGIN ENCRYPTED PRIVATE KEY"
                with --passphrase-env), mode 0600 — you sign with it, nobody else sees it
  public.pem    the public key, SubjectPublicKeyInfo PEM ("BEGIN PUBLIC KEY") — paste it into
                the application link's incoming authentication ("Public key")
  cert.pem      a self-signed X.509 certificate of the same key (SHA-256), for providers that
                ask for a certificate instead of a public key
  key.pfx       the key and certificate as PKCS#12 (AES-256), mode 0600, for Java keystores and
                Windows; protected with the passphrase, or with an empty password without one

Each file is created anew (O_EXCL, never through a symbolic link). An existing file is refused
unless --force is given; a symbolic link is refused even then. DIR is created (mode 0700) if it
does not exist. The private key is never printed.

Options:
  --out DIR              where to write the files (required)
  --bits N               key size: 2048 (default), 3072 or 4096
  --days N               certificate validity in days, 1 to 36500 (default 365)
  --subject DN           certificate subject and issuer, e.g. 'CN=my-app-link,O=Example'
                         (fields CN, O, OU, L, ST, C; default '${DEFAULT_SUBJECT}')
  --passphrase-env VAR   encrypt private.pem (PKCS#8, AES-256-CBC) and protect key.pfx with the
                         passphrase in environment variable VAR (never a flag: flags show in ps)
  --force                replace existing files (not symbolic links)
  -h, --help             show this help

Exit codes: 0 written, 1 a file exists or cannot be written, 2 usage error.

Examples:
  oauth1 keygen --out keys
  OAUTH1_KEY_PASSPHRASE=… oauth1 keygen --out keys --bits 3072 --subject 'CN=my-app-link' --passphrase-env OAUTH1_KEY_PASSPHRASE --force
  oauth1 request GET https://jira.example.com/rest/api/2/myself --provider jira \\
    --consumer-key my-app-link --private-key keys/private.pem --token … --token-secret …
`;

/** One output file: its name, its bytes and the mode it must have. */
interface OutputFile { name: string; data: string | Uint8Array; mode: number }

function wholeNumber(text: string | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d{1,6}$/.test(text) || Number(text) < min || Number(text) > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** `CN=a,O=b` → forge subject attributes (a comma inside a value is written `\,`). */
function parseSubject(text: string): forge.pki.CertificateField[] {
  const parts = text.split(/(?<!\\),/).map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) throw new UsageError('--subject must name at least CN, e.g. \'CN=my-app-link\'');
  return parts.map((part) => {
    const eq = part.indexOf('=');
    const key = eq === -1 ? '' : part.slice(0, eq).trim().toUpperCase();
    const field = SUBJECT_FIELDS[key];
    const value = part.slice(eq + 1).trim().replace(/\\,/g, ',');
    if (field === undefined || value === '') throw new UsageError(`--subject parts must be FIELD=value with FIELD one of ${Object.keys(SUBJECT_FIELDS).join(', ')}, got ${JSON.stringify(part.slice(0, 40))}`);
    if (key === 'C' && !/^[A-Za-z]{2}$/.test(value)) throw new UsageError(`--subject C= must be a two-letter country code, got ${JSON.stringify(value.slice(0, 10))}`);
    return { name: field, value };
  });
}

/** Refuses symbolic links always and existing files without --force, before anything is written. */
function checkTarget(path: string, force: boolean): boolean {
  let kind;
  try {
    kind = fileKind(path);
  } catch (e) {
    throw new CliError('ERR_OAUTH_CLI_WRITE_FAILED', `cannot use ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  if (kind === 'missing') return false;
  if (kind === 'symlink') throw new CliError('ERR_OAUTH_CLI_SYMLINK_REFUSED', `${path} is a symbolic link; key files are not written through one`);
  if (kind === 'other') throw new CliError('ERR_OAUTH_CLI_WRITE_FAILED', `${path} exists and is not a regular file`);
  if (!force) throw new CliError('ERR_OAUTH_CLI_FILE_EXISTS', `${path} exists; keys are not overwritten without --force`);
  return true;
}

/** Creates `path` anew with exactly `mode` and writes `data` (see {@link createNewFile}). */
function writeNew(path: string, data: string | Uint8Array, mode: number): void {
  try {
    createNewFile(path, data, mode);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new CliError('ERR_OAUTH_CLI_FILE_EXISTS', `${path} appeared while writing; nothing was overwritten`);
    throw new CliError('ERR_OAUTH_CLI_WRITE_FAILED', `cannot create ${path}: ${code ?? 'error'}`);
  }
}

/** The self-signed certificate and the PKCS#12 file of the key (forge), from the unencrypted PKCS#8 PEM. */
function certificateAndPfx(privatePem: string, subject: forge.pki.CertificateField[], days: number, pfxPassword: string): { certPem: string; pfx: Uint8Array } {
  const privateKey = forge.pki.privateKeyFromPem(privatePem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(privateKey.n, privateKey.e);
  // A positive 128-bit serial (RFC 5280 §4.1.2.2: at most 20 octets, non-negative).
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  cert.serialNumber = serial.toString('hex');
  const now = new Date();
  cert.validity.notBefore = now;
  cert.validity.notAfter = new Date(now.getTime() + days * 86_400_000);
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(privateKey, forge.md.sha256.create());
  const friendlyName = subject.find((f) => f.name === 'commonName')?.value;
  const asn1 = forge.pkcs12.toPkcs12Asn1(privateKey, [cert], pfxPassword, { algorithm: 'aes256', ...(typeof friendlyName === 'string' ? { friendlyName } : {}) });
  const der = forge.asn1.toDer(asn1).getBytes();
  return { certPem: forge.pki.certificateToPem(cert), pfx: Uint8Array.from(der, (c) => c.charCodeAt(0)) };
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
  if (values.out === undefined || values.out === '') throw new UsageError('--out DIR is required: the directory to write private.pem, public.pem, cert.pem and key.pfx into');
  const bits = wholeNumber(values.bits, '--bits', 2048, 2048, 4096);
  if (!BITS.includes(bits)) throw new UsageError(`--bits must be 2048, 3072 or 4096, got ${bits}`);
  const days = wholeNumber(values.days, '--days', 365, 1, 36_500);
  const subject = parseSubject(values.subject ?? DEFAULT_SUBJECT);
  const passphrase = values['passphrase-env'] === undefined ? undefined : passphraseFromEnv(values['passphrase-env'], io.env, '--passphrase-env');
  const force = values.force === true;
  const dir = values.out;

  // The directory: created private if missing; never a symbolic link.
  let dirStat;
  try { dirStat = lstatSync(dir); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new CliError('ERR_OAUTH_CLI_WRITE_FAILED', `cannot use --out ${dir}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`); }
  if (dirStat?.isSymbolicLink()) throw new CliError('ERR_OAUTH_CLI_SYMLINK_REFUSED', `--out ${dir} is a symbolic link; key files are not written through one`);
  if (dirStat !== undefined && !dirStat.isDirectory()) throw new UsageError(`--out ${dir} exists and is not a directory`);
  const names = ['private.pem', 'public.pem', 'cert.pem', 'key.pfx'];
  // Every target is checked before any key exists, so a refusal leaves nothing half-written.
  const existing = dirStat === undefined ? [] : names.filter((n) => checkTarget(join(dir, n), force));
  if (dirStat === undefined) {
    try { mkdirSync(dir, { recursive: true, mode: 0o700 }); } catch (e) { throw new CliError('ERR_OAUTH_CLI_WRITE_FAILED', `cannot create --out ${dir}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`); }
  }

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const plainPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const privatePem = passphrase === undefined ? plainPem : privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }) as string;
  const publicPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }) as string;
  const { certPem, pfx } = certificateAndPfx(plainPem, subject, days, passphrase ?? '');
  const files: OutputFile[] = [
    { name: 'private.pem', data: privatePem, mode: 0o600 },
    { name: 'public.pem', data: publicPem, mode: 0o644 },
    { name: 'cert.pem', data: certPem, mode: 0o644 },
    { name: 'key.pfx', data: pfx, mode: 0o600 },
  ];
  for (const f of files) {
    const path = join(dir, f.name);
    if (existing.includes(f.name)) {
      // Replaced by unlinking and creating anew, so the new file never inherits a wider mode or a link.
      checkTarget(path, true);
      try { unlinkSync(path); } catch (e) { throw new CliError('ERR_OAUTH_CLI_WRITE_FAILED', `cannot replace ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`); }
    }
    writeNew(path, f.data, f.mode);
  }
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const fingerprint = createHash('sha256').update(spki).digest('base64');
  io.stdout.write([
    `RSA ${bits}-bit key written to ${dir}:`,
    `  private.pem  0600  PKCS#8${passphrase === undefined ? '' : ', encrypted (AES-256-CBC)'} — sign with it (--private-key ${join(dir, 'private.pem')}); keep it secret`,
    '  public.pem   0644  public key — paste into the application link\'s incoming authentication',
    `  cert.pem     0644  self-signed X.509, ${days} days, subject ${values.subject ?? DEFAULT_SUBJECT}`,
    `  key.pfx      0600  PKCS#12 (key and certificate), ${passphrase === undefined ? 'empty password' : 'protected with the passphrase'}`,
    `public key SHA-256 (base64 of the SubjectPublicKeyInfo): ${fingerprint}`,
    '',
  ].join('\n'));
  return EXIT.OK;
}

/** The `oauth1 keygen` command. */
export const command: CliCommand = {
  name: 'keygen',
  summary: 'make an RSA key pair for RSA-SHA1 (private.pem, public.pem, cert.pem, key.pfx)',
  help: HELP,
  run,
};
