// A scripted resource owner: opens the sandbox's authorisation page and presses Allow or Deny over plain HTTP (RFC 5849 §2.2).

import { OAuthError } from '../../core/errors.js';

/** What happened after the button was pressed. */
export interface AuthorizationDecision {
  /** The `Location` the provider redirected the browser to (URL callbacks), if any. */
  location?: string;
  /** The PIN shown on the page (`oob`), if any. */
  pin?: string;
  /** The HTML of the authorisation page that was filled in. */
  page: string;
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag);
  return m?.[1]?.replace(/&quot;/g, '"').replace(/&#39;/g, '\'').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Does what a person in a browser does on the sandbox's authorisation page: fetches the page,
 * reads its form (action, hidden fields, the Allow or Deny button) and submits it
 * form-encoded, without following the redirect. Returns the callback `Location` for URL
 * callbacks or the PIN for `oob`. Works only with pages shaped like the sandbox's.
 *
 * @throws {OAuthError} `ERR_OAUTH_SANDBOX_PAGE` when the page has no Allow/Deny form or the answer is unexpected.
 * @example
 * const { location } = await submitAuthorization(client.authorizationUrl(temp), 'allow');
 * const { verifier } = client.parseAuthorizationCallback(location!, temp);
 */
export async function submitAuthorization(authorizationUrl: string, decision: 'allow' | 'deny' = 'allow'): Promise<AuthorizationDecision> {
  const pageRes = await fetch(authorizationUrl, { redirect: 'manual' });
  const page = await pageRes.text();
  const direct = pageRes.headers.get('location');
  if (pageRes.status >= 300 && pageRes.status < 400 && direct !== null) return { location: new URL(direct, authorizationUrl).href, page };
  if (pageRes.status !== 200) throw new OAuthError('ERR_OAUTH_SANDBOX_PAGE', `the authorisation page answered HTTP ${pageRes.status}`);
  const form = /<form\b[^>]*>([\s\S]*?)<\/form>/i.exec(page);
  if (form === null) {
    const pin = /<code id="pin">([^<]*)<\/code>/.exec(page)?.[1];
    if (pin !== undefined) return { pin, page };
    throw new OAuthError('ERR_OAUTH_SANDBOX_PAGE', 'the authorisation page has no form');
  }
  const formTag = /<form\b[^>]*>/i.exec(form[0])![0];
  const action = new URL(attr(formTag, 'action') ?? '', authorizationUrl).href;
  const fields = new URLSearchParams();
  for (const input of form[1]!.match(/<input\b[^>]*>/gi) ?? []) {
    const name = attr(input, 'name');
    if (name !== undefined && (attr(input, 'type') ?? 'text').toLowerCase() === 'hidden') fields.append(name, attr(input, 'value') ?? '');
  }
  const button = (form[1]!.match(/<button\b[^>]*>/gi) ?? []).find((b) => attr(b, 'value') === decision);
  if (button === undefined) throw new OAuthError('ERR_OAUTH_SANDBOX_PAGE', `the authorisation page has no ${decision} button`);
  fields.append(attr(button, 'name') ?? 'action', decision);
  const res = await fetch(action, { method: 'POST', body: fields, redirect: 'manual' });
  const body = await res.text();
  const location = res.headers.get('location');
  if (res.status >= 300 && res.status < 400 && location !== null) return { location: new URL(location, action).href, page };
  const pin = /<code id="pin">([^<]*)<\/code>/.exec(body)?.[1];
  if (res.status === 200 && pin !== undefined) return { pin, page };
  if (res.status === 200) return { page };
  throw new OAuthError('ERR_OAUTH_SANDBOX_PAGE', `submitting the authorisation form answered HTTP ${res.status}`);
}
