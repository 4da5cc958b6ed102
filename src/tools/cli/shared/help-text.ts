// Help-text layout for the CLI: option lines wrapped to the help's column width, and name lists read from the registries.

import { KNOWN_DECODERS, PROFILE_TEMPLATES, PROVIDERS } from '../../../providers/index.js';
import { SANDBOX_EMULATIONS } from '../../sandbox/providers/index.js';

/** The width `--help` texts are wrapped to. */
export const HELP_WIDTH = 100;

/**
 * One option of a `--help` text: `  FLAG` padded to `column`, then `text` word-wrapped to `width`
 * with continuation lines indented to `column`. A flag longer than the column gets two spaces.
 *
 * @example helpOption('--provider NAME', 'weibo-v1, twitter', 29) // '  --provider NAME            weibo-v1, twitter'
 */
export function helpOption(flag: string, text: string, column: number, width: number = HELP_WIDTH): string {
  const head = `  ${flag}`;
  const first = head.length + 2 > column ? `${head}  ` : head.padEnd(column);
  return wrapHelpText(text, first, ' '.repeat(column), width);
}

/**
 * Word-wraps `text` to `width`: the first line starts with `first`, the others with `indent`.
 * A word longer than a line stays whole.
 *
 * @example wrapHelpText('a b c', '> ', '  ', 5) // '> a b\n  c'
 */
export function wrapHelpText(text: string, first: string, indent: string, width: number = HELP_WIDTH): string {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}

/** The ready-made provider profiles `--provider` accepts, comma-separated (from `PROVIDERS`). */
export function providerNames(): string {
  return Object.keys(PROVIDERS).join(', ');
}

/** The profile templates, which `--provider` refuses (they are built in code), comma-separated (from `PROFILE_TEMPLATES`). */
export function profileTemplateNames(): string {
  return Object.keys(PROFILE_TEMPLATES).join(', ');
}

/** The providers `oauth1 serve --provider` plays: Weibo v1, Twitter and every emulation (from `SANDBOX_EMULATIONS`). */
export function sandboxProviderNames(): string[] {
  return ['weibo-v1', 'twitter', ...Object.keys(SANDBOX_EMULATIONS)];
}

/** The provider error formats `oauth1 explain` tries, in order (from `KNOWN_DECODERS`). */
export function decoderNames(): string {
  return KNOWN_DECODERS.map((d) => d.name).join(', ');
}
