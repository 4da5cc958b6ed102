// A minimal OAuth 1.0a signer written from RFC 5849 §3.4–3.5, independent of src/, for verifier specs.

import { createHmac, createSign, randomBytes } from 'node:crypto';

/** RFC 5849 §3.6 percent-encoding, written from the RFC text (not src/core/encoding.ts). */
export function rfcEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

export interface IndependentSignInput {
  method: string;
  /** Absolute URL, possibly with a query. */
  url: string;
  consumerKey: string;
  consumerSecret?: string;
  token?: string;
  tokenSecret?: string;
  /** PEM private key for RSA-SHA1. */
  privateKey?: string;
  signatureMethod?: 'HMAC-SHA1' | 'HMAC-SHA256' | 'RSA-SHA1' | 'PLAINTEXT';
  /** Form body parameters (application/x-www-form-urlencoded). */
  form?: Array<[string, string]>;
  nonce?: string;
  timestamp?: number;
  /** Extra protocol parameters (e.g. oauth_callback for LTI, or oauth_version). */
  extra?: Array<[string, string]>;
  version?: string | null;
  placement?: 'header' | 'query' | 'form';
  realm?: string;
}

export interface IndependentSigned {
  url: string;
  headers: Record<string, string>;
  body?: string;
  oauth: Array<[string, string]>;
  baseString: string;
}

/** Signs a request the way RFC 5849 §3.4 describes, step by step. */
export function independentSign(input: IndependentSignInput): IndependentSigned {
  const method = input.signatureMethod ?? 'HMAC-SHA1';
  const oauth: Array<[string, string]> = [
    ['oauth_consumer_key', input.consumerKey],
    ['oauth_signature_method', method],
    ['oauth_timestamp', String(input.timestamp ?? Math.floor(Date.now() / 1000))],
    ['oauth_nonce', input.nonce ?? randomBytes(16).toString('hex')],
  ];
  if (input.version !== null) oauth.push(['oauth_version', input.version ?? '1.0']);
  if (input.token !== undefined) oauth.push(['oauth_token', input.token]);
  for (const e of input.extra ?? []) oauth.push(e);
  const u = new URL(input.url);
  // §3.4.1.2: scheme://host[:non-default port]/path (WHATWG URL lower-cases and drops default ports).
  const baseUri = `${u.protocol}//${u.host}${u.pathname}`;
  const query: Array<[string, string]> = [];
  for (const part of u.search.slice(1).split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const dec = (s: string): string => decodeURIComponent(s.replace(/\+/g, ' '));
    query.push(eq === -1 ? [dec(part), ''] : [dec(part.slice(0, eq)), dec(part.slice(eq + 1))]);
  }
  // §3.4.1.3: query + protocol parameters + form body; encode, sort by name then value, join.
  const all = [...query, ...oauth, ...(input.form ?? [])].map(([k, v]) => [rfcEncode(k), rfcEncode(v)] as [string, string]);
  all.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const normalized = all.map(([k, v]) => `${k}=${v}`).join('&');
  const baseString = `${input.method.toUpperCase()}&${rfcEncode(baseUri)}&${rfcEncode(normalized)}`;
  const key = `${rfcEncode(input.consumerSecret ?? '')}&${rfcEncode(input.tokenSecret ?? '')}`;
  let signature: string;
  if (method === 'HMAC-SHA1') signature = createHmac('sha1', key).update(baseString).digest('base64');
  else if (method === 'HMAC-SHA256') signature = createHmac('sha256', key).update(baseString).digest('base64');
  else if (method === 'PLAINTEXT') signature = key;
  else signature = createSign('RSA-SHA1').update(baseString).sign(input.privateKey!, 'base64');
  oauth.push(['oauth_signature', signature]);

  const headers: Record<string, string> = {};
  let url = input.url;
  let body: string | undefined;
  const placement = input.placement ?? 'header';
  const formPairs = [...(input.form ?? [])];
  if (placement === 'header') {
    const realm = input.realm === undefined ? [] : [`realm="${input.realm}"`];
    headers.authorization = 'OAuth ' + [...realm, ...oauth.map(([k, v]) => `${rfcEncode(k)}="${rfcEncode(v)}"`)].join(', ');
  } else if (placement === 'query') {
    url += (u.search === '' ? '?' : '&') + oauth.map(([k, v]) => `${rfcEncode(k)}=${rfcEncode(v)}`).join('&');
  } else {
    formPairs.push(...oauth);
  }
  if (input.form !== undefined || placement === 'form') {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = formPairs.map(([k, v]) => `${rfcEncode(k)}=${rfcEncode(v)}`).join('&');
  }
  return { url, headers, ...(body !== undefined ? { body } : {}), oauth, baseString };
}
