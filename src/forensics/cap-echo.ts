// Echoing user input in messages: at most a fixed number of characters, then a count of the rest, so a huge input never floods a terminal or a log.

/** How many characters of an input value a message quotes. */
export const ECHO_LIMIT = 200;

/**
 * The first `limit` characters of `value`, followed by `… (N more characters)` when it is longer.
 *
 * @example capEcho('x'.repeat(250)) // 'xxx…x… (50 more characters)' (200 x's)
 */
export function capEcho(value: string, limit: number = ECHO_LIMIT): string {
  return value.length <= limit ? value : `${value.slice(0, limit)}… (${value.length - limit} more characters)`;
}
