// Test-time RSA keys and self-signed X.509 certificates for the RSA-* specs (generated, never checked in).

import { generateKeyPairSync, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** An RSA key pair as PEM strings and KeyObjects. */
export interface RsaTestKey {
  privateKeyPem: string;
  publicKeyPem: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

let cached: RsaTestKey | undefined;

/** One 2048-bit RSA key pair per test process (generation is the slow part). */
export function rsaTestKey(): RsaTestKey {
  if (cached) return cached;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  cached = {
    privateKey,
    publicKey,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
  };
  return cached;
}

// --- a minimal DER writer, enough for a self-signed v3 certificate -----------------------------

function der(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}
const seq = (...parts: Buffer[]): Buffer => der(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]): Buffer => der(0x31, Buffer.concat(parts));
const integer = (n: number): Buffer => der(0x02, Buffer.from([n]));
const utf8 = (s: string): Buffer => der(0x0c, Buffer.from(s, 'utf8'));
const utcTime = (d: Date): Buffer => der(0x17, Buffer.from(d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z', 'ascii'));
const NULL = Buffer.from([0x05, 0x00]);

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a! * 40 + b!];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >>> 7; v > 0; v >>>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

function pem(label: string, body: Buffer): string {
  return `-----BEGIN ${label}-----\n${body.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

/**
 * A self-signed X.509 v3 certificate for `key`, built with node:crypto alone (Node can parse
 * certificates but not issue them). Checked by parsing it with `X509Certificate` and verifying
 * its own signature.
 */
export function selfSignedCertificateWithNode(key: RsaTestKey, commonName = 'oauth1-toolkit test'): string {
  const sha256WithRsa = seq(oid('1.2.840.113549.1.1.11'), NULL);
  const name = seq(set(seq(oid('2.5.4.3'), utf8(commonName))));
  const now = Date.now();
  const tbs = seq(
    der(0xa0, integer(2)), // version v3
    integer(1), // serial number
    sha256WithRsa,
    name, // issuer
    seq(utcTime(new Date(now - 60_000)), utcTime(new Date(now + 86_400_000))),
    name, // subject
    key.publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, key.privateKey);
  const certificate = pem('CERTIFICATE', seq(tbs, sha256WithRsa, der(0x03, Buffer.concat([Buffer.from([0]), signature]))));
  const parsed = new X509Certificate(certificate);
  if (!parsed.verify(key.publicKey)) throw new Error('the hand-built test certificate does not verify');
  return certificate;
}

/** A fresh key and self-signed certificate from the `openssl` CLI, or undefined when it is not installed. */
export function selfSignedCertificateWithOpenssl(): { privateKeyPem: string; certificatePem: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'oauth1-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-subj', '/CN=oauth1-toolkit test', '-days', '1'], { stdio: 'ignore', timeout: 15_000 });
    return { privateKeyPem: readFileSync(join(dir, 'key.pem'), 'utf8'), certificatePem: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
