// Headless Chromium for the specs, from the npm package @sparticuz/chromium (its bundled binary, unpacked to /tmp) through playwright-core.

import chromiumBinary from '@sparticuz/chromium';
import { chromium, type Browser } from 'playwright-core';

/** Flags on top of @sparticuz/chromium's own: no sandbox (we run as root), nothing that calls out. */
const EXTRA_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Launches headless Chromium. Nothing is downloaded: @sparticuz/chromium unpacks the binary it
 * ships to /tmp on first use.
 *
 * @throws Error saying what failed — a spec that needs a browser fails, never skips.
 */
export async function launchChromium(): Promise<Browser> {
  let executablePath: string;
  try {
    executablePath = await chromiumBinary.executablePath();
  } catch (e) {
    throw new Error(`@sparticuz/chromium could not unpack its browser (run npm install; it ships the binary): ${(e as Error).message}`);
  }
  return chromium.launch({ executablePath, headless: true, args: [...chromiumBinary.args, ...EXTRA_ARGS] });
}
