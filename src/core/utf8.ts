// UTF-8 between strings and bytes with the platform's TextEncoder/TextDecoder (every runtime has them).

// ignoreBOM: true keeps a leading U+FEFF as text, as Buffer#toString('utf8') does.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

/** Bytes as UTF-8 text; malformed sequences become U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Text as UTF-8 bytes; lone surrogates become U+FFFD. */
export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}
