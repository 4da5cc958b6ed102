// HTML pages of the sandbox's resource-owner authorisation step (RFC 5849 §2.2).

/**
 * Escapes text for HTML element content and attribute values.
 *
 * @example escapeHtml('<a href="x">') // '&lt;a href=&quot;x&quot;&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' }[c]!));
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;max-width:32em;margin:3em auto}button{font-size:1.1em;margin-right:1em}code{font-size:2em}</style></head>
<body>
${body}
</body>
</html>
`;
}

/**
 * The authorisation page: names the application and offers Allow and Deny (a form POSTed back to
 * the authorisation endpoint with the temporary token).
 *
 * @example authorizePage({ providerName: 'Twitter', consumerKey: 'k', token: 't', action: '/oauth/authorize', screenName: 'sandbox_user' })
 */
export function authorizePage(options: { providerName: string; consumerKey: string; token: string; action: string; screenName: string }): string {
  return page(`Authorize application — ${options.providerName} sandbox`, `<h1>${escapeHtml(options.providerName)} sandbox</h1>
<p>The application <strong id="consumer">${escapeHtml(options.consumerKey)}</strong> wants to use the account <strong>@${escapeHtml(options.screenName)}</strong>.</p>
<form id="authorize" method="post" action="${escapeHtml(options.action)}">
<input type="hidden" name="oauth_token" value="${escapeHtml(options.token)}">
<button type="submit" id="allow" name="action" value="allow">Allow</button>
<button type="submit" id="deny" name="action" value="deny">Deny</button>
</form>`);
}

/**
 * The out-of-band page: the PIN (verifier) the user types into the application.
 *
 * @example pinPage('Twitter', '042917') // …<code id="pin">042917</code>…
 */
export function pinPage(providerName: string, pin: string): string {
  return page(`Your PIN — ${providerName} sandbox`, `<h1>Access granted</h1>
<p>Enter this PIN in the application to finish:</p>
<p><code id="pin">${escapeHtml(pin)}</code></p>`);
}

/**
 * The page shown when the user denied access and there is no callback to send them to.
 *
 * @example deniedPage('Sina Weibo v1')
 */
export function deniedPage(providerName: string): string {
  return page(`Access denied — ${providerName} sandbox`, '<h1>Access denied</h1><p>The application was not authorised. You can close this page.</p>');
}

/**
 * The page for an unknown, expired or already used temporary token.
 *
 * @example invalidTokenPage('Twitter')
 */
export function invalidTokenPage(providerName: string): string {
  return page(`Invalid request — ${providerName} sandbox`, '<h1>Invalid request</h1><p id="error">The oauth_token is unknown, expired or already used.</p>');
}
