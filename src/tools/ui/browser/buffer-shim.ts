// The one piece of Buffer the forensics readers call (byteLength), for browsers, which have no Buffer.

const g = globalThis as { Buffer?: unknown };
if (g.Buffer === undefined) {
  const encoder = new TextEncoder();
  g.Buffer = {
    byteLength(text: string, encoding?: string): number {
      return encoding === 'latin1' || encoding === 'binary' ? text.length : encoder.encode(text).length;
    },
  };
}
export {};
