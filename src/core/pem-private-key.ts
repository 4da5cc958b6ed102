// What a PEM text given as an RSA private key is (PKCS#1, PKCS#8, encrypted, public, certificate…), and the typed error for each wrong form (RFC 5849 §3.4.3 needs an RSA private key).

import { KeyError } from './errors.js';

/** The form of a PEM text offered as a private key, read from its label and headers only. */
export type PemPrivateKeyForm =
  /** `BEGIN PRIVATE KEY` (PKCS#8, any algorithm: RSA, EC, Ed25519…). */
  | 'pkcs8'
  /** `BEGIN RSA PRIVATE KEY` (PKCS#1). */
  | 'pkcs1'
  /** `BEGIN ENCRYPTED PRIVATE KEY` (PKCS#8 EncryptedPrivateKeyInfo). */
  | 'pkcs8-encrypted'
  /** A traditional PEM with `Proc-Type: 4,ENCRYPTED` and `DEK-Info` headers (OpenSSL's legacy encryption). */
  | 'legacy-encrypted'
  /** `BEGIN PUBLIC KEY` or `BEGIN RSA PUBLIC KEY`. */
  | 'public'
  /** `BEGIN CERTIFICATE` (X.509). */
  | 'certificate'
  /** `BEGIN EC PRIVATE KEY`, `BEGIN DSA PRIVATE KEY`, `BEGIN OPENSSH PRIVATE KEY`… — a private key that is not RSA or not PEM-readable here. */
  | 'other-private'
  /** No PEM block at all, or one of another kind. */
  | 'none';

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/;

/**
 * Reads the form of the first PEM block of `text` (label and headers only; nothing is decoded).
 *
 * @example pemPrivateKeyForm('-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n…') // 'legacy-encrypted'
 */
export function pemPrivateKeyForm(text: string): PemPrivateKeyForm {
  const m = BLOCK.exec(text);
  if (m === null) return 'none';
  const label = m[1]!;
  const body = m[2]!;
  if (label === 'ENCRYPTED PRIVATE KEY') return 'pkcs8-encrypted';
  if (/^Proc-Type:\s*4,\s*ENCRYPTED\s*$/m.test(body)) return 'legacy-encrypted';
  if (label === 'PRIVATE KEY') return 'pkcs8';
  if (label === 'RSA PRIVATE KEY') return 'pkcs1';
  if (label === 'PUBLIC KEY' || label === 'RSA PUBLIC KEY') return 'public';
  if (label === 'CERTIFICATE' || label === 'X509 CERTIFICATE' || label === 'TRUSTED CERTIFICATE') return 'certificate';
  if (label.endsWith('PRIVATE KEY')) return 'other-private';
  return 'none';
}

/**
 * The typed error for a PEM text that cannot be an RSA private key as given, or `undefined` when
 * it may be one (PKCS#1, PKCS#8, or an encrypted key with a passphrase). The key is never quoted.
 *
 * @example pemPrivateKeyError(publicPem, 'RSA-SHA1', false)?.code // 'ERR_OAUTH_KEY_NOT_PRIVATE'
 */
export function pemPrivateKeyError(form: PemPrivateKeyForm, method: string, hasPassphrase: boolean): KeyError | undefined {
  switch (form) {
    case 'public':
      return new KeyError('ERR_OAUTH_KEY_NOT_PRIVATE', `privateKey for ${method} is a public key, not a private key; sign with the private key (private.pem) and give the public key to the provider`);
    case 'certificate':
      return new KeyError('ERR_OAUTH_KEY_NOT_PRIVATE', `privateKey for ${method} is a certificate ("BEGIN CERTIFICATE"); sign with the private key it was made from and give the certificate to the provider`);
    case 'pkcs8-encrypted':
    case 'legacy-encrypted':
      return hasPassphrase ? undefined : new KeyError('ERR_OAUTH_KEY_PASSPHRASE_MISSING', `privateKey for ${method} is encrypted (${form === 'pkcs8-encrypted' ? '"BEGIN ENCRYPTED PRIVATE KEY"' : '"Proc-Type: 4,ENCRYPTED"'}); pass privateKeyPassphrase`);
    case 'other-private':
      return new KeyError('ERR_OAUTH_KEY_NOT_RSA', `${method} needs an RSA private key ("BEGIN PRIVATE KEY" or "BEGIN RSA PRIVATE KEY"), got another kind of private key`);
    case 'none':
      return new KeyError('ERR_OAUTH_KEY_INVALID', `privateKey for ${method} could not be read as a PEM private key (no "-----BEGIN PRIVATE KEY-----" or "-----BEGIN RSA PRIVATE KEY-----" block)`);
    default:
      return undefined;
  }
}
