// Keeping secrets out of CLI output: secrets and PLAINTEXT signatures (which are the signing key, RFC 5849 §3.4.4) print as <redacted> unless --show-secrets.

/** The marker printed in place of a secret. */
export const REDACTED = '<redacted>';

/** Replaces a secret with a fixed marker unless the user asked to see secrets. */
export function redact(secret: string | undefined, show: boolean): string {
  if (secret === undefined) return '(none)';
  if (show) return secret;
  return secret === '' ? '(empty)' : REDACTED;
}

/**
 * Replaces the value of every `oauth_signature` parameter in a URL, form body or header
 * (`oauth_signature=…`, `oauth_signature="…"`) and in a base string (`oauth_signature%3D…`)
 * with {@link REDACTED}. For PLAINTEXT signatures, which are the signing key itself.
 *
 * @example redactSignatureParameter('https://a.example/?oauth_signature=cs%26ts&x=1') // 'https://a.example/?oauth_signature=<redacted>&x=1'
 */
// RFC 5849 §3.4.4 (PLAINTEXT: the signature is the key)
export function redactSignatureParameter(text: string): string {
  return text
    .replace(/(oauth_signature=")[^"]*(")/g, `$1${REDACTED}$2`)
    .replace(/(oauth_signature=)(?!"|<redacted>)[^&#\s,]*/g, `$1${REDACTED}`)
    .replace(/(oauth_signature%3D)(?:(?!%26)[^&\s])*/gi, `$1${REDACTED}`);
}

/** Whether output about a request signed with `signatureMethod` must hide its signature. */
export function hidesSignature(signatureMethod: string | undefined, show: boolean): boolean {
  return !show && (signatureMethod ?? '').toUpperCase() === 'PLAINTEXT';
}
