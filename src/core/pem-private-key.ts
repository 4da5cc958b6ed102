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
  if (/Proc-Type: *4, *ENCRYPTED/.test(body)) return 'legacy-encrypted';
  if (label === 'PRIVATE KEY') return 'pkcs8';
  if (label === 'RSA PRIVATE KEY') return 'pkcs1';
  if (label.endsWith('PUBLIC KEY')) return 'public';
  if (label.endsWith('CERTIFICATE')) return 'certificate';
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
  const given = `privateKey for ${method}`;
  if (form === 'public' || form === 'certificate') return new KeyError('ERR_OAUTH_KEY_NOT_PRIVATE', `${given} is a ${form === 'public' ? 'public key' : 'certificate'}, not the private key`);
  if (form === 'pkcs8-encrypted' || form === 'legacy-encrypted') return hasPassphrase ? undefined : new KeyError('ERR_OAUTH_KEY_PASSPHRASE_MISSING', `${given} is encrypted; pass privateKeyPassphrase`);
  if (form === 'other-private') return new KeyError('ERR_OAUTH_KEY_NOT_RSA', `${method} needs an RSA key, got another kind of private key`);
  if (form === 'none') return new KeyError('ERR_OAUTH_KEY_INVALID', `${given} could not be read as a PEM private key`);
  return undefined;
}
