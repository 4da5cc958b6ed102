// Where a request's protocol parameters are: the Authorization header, the query or the form body (RFC 5849 §3.5).

import type { Parameter, Placement } from './types.js';

/**
 * Where the protocol parameters of a request were found: the one place that holds any,
 * `'none'` when no place does, `'mixed'` when more than one does (RFC 5849 §3.5 has them sent in
 * one place; a server refuses the mix with 400, §3.2).
 */
export type ProtocolParameterLocation = Placement | 'none' | 'mixed';

/**
 * Whether a parameter found in `place` is a protocol parameter: every parameter of the
 * Authorization header (RFC 5849 §3.5.1), and those named `oauth_*` in the query or a form body
 * (§3.5.2, §3.5.3).
 *
 * @example isProtocolParameter('query', 'oauth_token') // true
 * @example isProtocolParameter('form', 'status')       // false
 */
// RFC 5849 §3.5
export function isProtocolParameter(place: Placement, name: string): boolean {
  return place === 'header' || name.startsWith('oauth_');
}

/**
 * How many protocol parameters `params`, found in `place`, holds.
 *
 * @example countProtocolParameters('query', [['oauth_nonce', 'x'], ['q', 'a']]) // 1
 */
export function countProtocolParameters(place: Placement, params: readonly Parameter[]): number {
  if (place === 'header') return params.length;
  let count = 0;
  for (let i = 0; i < params.length; i++) if (params[i]![0].startsWith('oauth_')) count++;
  return count;
}

/**
 * The protocol parameters of `params`, found in `place`, in their order.
 *
 * @example protocolParametersIn('form', [['status', 'hi'], ['oauth_nonce', 'x']]) // [['oauth_nonce', 'x']]
 */
export function protocolParametersIn(place: Placement, params: readonly Parameter[]): Parameter[] {
  if (place === 'header') return [...params];
  const found: Parameter[] = [];
  for (let i = 0; i < params.length; i++) if (params[i]![0].startsWith('oauth_')) found.push(params[i]!);
  return found;
}

/**
 * Every place that holds protocol parameters, in header, query, form order (for naming them
 * when they were sent in more than one).
 *
 * @example protocolParameterPlaces(undefined, [['oauth_nonce', 'x']], [['oauth_token', 't']]) // ['query', 'form']
 */
export function protocolParameterPlaces(header: readonly Parameter[] | undefined, query: readonly Parameter[], form: readonly Parameter[] | undefined): Placement[] {
  const places: Placement[] = [];
  if (header !== undefined && header.length > 0) places.push('header');
  if (countProtocolParameters('query', query) > 0) places.push('query');
  if (form !== undefined && countProtocolParameters('form', form) > 0) places.push('form');
  return places;
}

/**
 * Where a request's protocol parameters are (RFC 5849 §3.5): the Authorization header (`header`:
 * its parameters when its scheme is OAuth, else `undefined`), the query, or a form body (`form`:
 * its parameters when the body is single-part `application/x-www-form-urlencoded`, else
 * `undefined`). The one place to read for a server, a signer's debugger or a sandbox.
 *
 * @example locateProtocolParameters(undefined, [['oauth_consumer_key', 'k'], ['q', 'a']], undefined) // 'query'
 * @example locateProtocolParameters([['oauth_consumer_key', 'k']], [['oauth_token', 't']], undefined) // 'mixed'
 */
// RFC 5849 §3.5
export function locateProtocolParameters(header: readonly Parameter[] | undefined, query: readonly Parameter[], form: readonly Parameter[] | undefined): ProtocolParameterLocation {
  const inHeader = header !== undefined && header.length > 0;
  const inQuery = countProtocolParameters('query', query) > 0;
  const inForm = form !== undefined && countProtocolParameters('form', form) > 0;
  if ((inHeader ? 1 : 0) + (inQuery ? 1 : 0) + (inForm ? 1 : 0) > 1) return 'mixed';
  return inHeader ? 'header' : inQuery ? 'query' : inForm ? 'form' : 'none';
}
