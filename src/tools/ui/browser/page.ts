// The debugger page: Diagnose, Sign and Explain tabs on the runtime-neutral core and the forensics, all in the browser.

import './buffer-shim.js';
import { diagnoseSignatureAsync, pipelineContext, type SignatureDiagnosis, type CapturedRequest } from '../../../forensics/diagnose.js';
import { mistakeById } from '../../../forensics/catalogue.js';
import { diffBaseStrings } from '../../../forensics/base-string-diff.js';
import { parseHttpRequestText, parseCurlCommand, parseHarEntry, parseJsonRequests, parseHttpResponseText, type CapturedInput } from '../../../forensics/inputs/index.js';
import { percentEncode } from '../../../core/encoding.js';
import { signRequestAsync } from '../../../core/sign-async.js';
import type { SignRequestInput, Placement } from '../../../core/types.js';
import { getProfile, PROVIDERS } from '../../../providers/index.js';
import { decodeProviderError } from '../../../providers/provider-error.js';
import { OAUTH_PROBLEMS } from '../../../providers/problem-reporting.js';

type Kids = Array<Node | string | null | undefined | false>;

/** Builds an element; text goes in as text nodes, never as HTML. */
function h(tag: string, attrs: Record<string, string | undefined> = {}, ...kids: Kids): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, v);
  for (const kid of kids) if (kid !== null && kid !== undefined && kid !== false) el.append(kid);
  return el;
}

function byId<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

// ------------------------------------------------------------------------------------------ tabs

function setupTabs(): void {
  const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role=tab]')];
  const select = (tab: HTMLButtonElement, focus: boolean): void => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      byId(t.getAttribute('aria-controls')!).hidden = !on;
    }
    if (focus) tab.focus();
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => select(tab, false));
    tab.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (e.key === 'Home') select(tabs[0]!, true);
      else if (e.key === 'End') select(tabs[tabs.length - 1]!, true);
      else if (step !== 0) select(tabs[(i + step + tabs.length) % tabs.length]!, true);
    });
  });
}

function setupReveal(checkboxId: string, fieldIds: string[]): void {
  const box = byId<HTMLInputElement>(checkboxId);
  box.addEventListener('change', () => {
    for (const id of fieldIds) {
      const el = byId<HTMLInputElement | HTMLTextAreaElement>(id);
      if (el instanceof HTMLInputElement) el.type = box.checked ? 'text' : 'password';
      else el.classList.toggle('masked', !box.checked);
    }
    box.dispatchEvent(new CustomEvent('revealed'));
  });
}

// ------------------------------------------------------------------------------------------ diagnose

/** Reads the pasted request in any supported form. */
export function readRequest(text: string, format: string): CapturedInput {
  const t = text.trim();
  if (t === '') throw new Error('paste a request first');
  let f = format;
  if (f === 'auto') {
    if (/^curl\s/.test(t)) f = 'curl';
    else if (t.startsWith('{') || t.startsWith('[')) f = /"log"\s*:|"request"\s*:\s*\{\s*"method"/.test(t) ? 'har' : 'json';
    else f = 'http';
  }
  if (f === 'curl') return parseCurlCommand(t);
  if (f === 'har') return parseHarEntry(t);
  if (f === 'json') {
    const all = parseJsonRequests(t);
    if (all.length === 0) throw new Error('the JSON holds no request');
    return all[0]!;
  }
  return parseHttpRequestText(text);
}

/** Splits a base string at its `&` separators and at every encoded `&` (`%26`) between parameters. */
function segments(base: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const first = base.indexOf('&');
  const second = first < 0 ? -1 : base.indexOf('&', first + 1);
  if (first < 0 || second < 0) return [[0, base.length]];
  out.push([0, first + 1], [first + 1, second + 1]);
  let start = second + 1;
  for (let i = base.indexOf('%26', start); i >= 0; i = base.indexOf('%26', i + 3)) {
    out.push([start, i + 3]);
    start = i + 3;
  }
  out.push([start, base.length]);
  return out;
}

/** A base string, one parameter a line, with the first differing character marked. */
function baseStringView(base: string, diffAt: number | null, testid: string, markTestid: string | undefined): HTMLElement {
  const pre = h('pre', { class: 'bs', 'data-testid': testid, tabindex: '0' });
  for (const [a, b] of segments(base)) {
    const seg = h('span', { class: 'seg' });
    if (diffAt !== null && diffAt >= a && (diffAt < b || (diffAt === base.length && b === base.length))) {
      const at = diffAt - a;
      const text = base.slice(a, b);
      seg.append(text.slice(0, at));
      seg.append(h('mark', { class: 'diff', 'data-testid': markTestid, title: `first difference at character ${diffAt + 1}` }, text.charAt(at) === '' ? '∅' : text.charAt(at)));
      seg.append(h('span', { class: 'after' }, text.slice(at + 1)));
    } else {
      seg.append(base.slice(a, b));
    }
    pre.append(seg);
  }
  return pre;
}

interface ParamRow { name: string; value: string; source: string }

function parameterTable(captured: CapturedRequest, options: { multipartPolicy?: 'none' | 'text-fields' | 'body-hash' }, expected: string, received: string | undefined): HTMLElement {
  const ctx = pipelineContext(captured, {}, options, false);
  const rows: ParamRow[] = [];
  const add = (ps: ReadonlyArray<readonly [string, string]>, source: string): void => { for (const [name, value] of ps) rows.push({ name, value, source }); };
  add(ctx.queryParams, 'query');
  add(ctx.oauthParams, ctx.oauthParams.length > 0 && captured.authorization !== undefined ? 'Authorization header' : 'query / form');
  add(ctx.formParams, 'form body');
  if (ctx.multipartPolicy === 'text-fields') add(ctx.multipartFields, 'multipart field');
  const encoded = rows.map((r) => [percentEncode(r.name), percentEncode(r.value)] as const);
  const order = encoded.map((_, i) => i).sort((x, y) => {
    const a = encoded[x]!; const b = encoded[y]!;
    return a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] !== b[1] ? (a[1] < b[1] ? -1 : 1) : 0;
  });
  const position = new Map<number, number>(order.map((row, pos) => [row, pos + 1]));
  const differing = new Map<string, string>();
  if (received !== undefined) {
    const diff = diffBaseStrings(expected, received);
    for (const d of diff.parameters) differing.set(d.name, d.kind + (d.note ? `: ${d.note}` : ''));
  }
  const body = h('tbody');
  rows.forEach((r, i) => {
    const note = differing.get(r.name);
    body.append(h('tr', { class: note !== undefined ? 'differs' : undefined, 'data-testid': 'parameter-row' },
      h('td', { class: 'mono' }, r.name), h('td', { class: 'mono' }, r.value), h('td', {}, r.source),
      h('td', { class: 'mono' }, `${encoded[i]![0]}=${encoded[i]![1]}`), h('td', {}, String(position.get(i))),
      h('td', {}, note ?? '')));
  });
  for (const [name, note] of differing) {
    if (rows.some((r) => r.name === name)) continue;
    body.append(h('tr', { class: 'differs', 'data-testid': 'parameter-row' }, h('td', { class: 'mono' }, name), h('td', {}, '—'), h('td', {}, 'signer only'), h('td', {}, ''), h('td', {}, ''), h('td', {}, note)));
  }
  return h('div', { class: 'card' }, h('h2', {}, 'Parameters'), h('div', { class: 'table-wrap' },
    h('table', { 'data-testid': 'parameter-table' },
      h('thead', {}, h('tr', {}, ...['name', 'value', 'source', 'encoded', 'sort #', 'difference'].map((c) => h('th', { scope: 'col' }, c)))), body)));
}

function renderDiagnosis(out: HTMLElement, captured: CapturedRequest, options: { multipartPolicy?: 'none' | 'text-fields' | 'body-hash' }, d: SignatureDiagnosis): void {
  const explained = d.explanations[0];
  out.append(h('div', { class: `verdict ${d.valid ? 'ok' : 'bad'}`, 'data-testid': 'verdict', 'data-valid': String(d.valid), role: 'status' },
    d.valid ? `Valid: the ${d.signatureMethod} signature matches.`
      : explained !== undefined ? `Not valid: the signer made ${d.explanations.length === 1 ? 'a known mistake' : `one of ${d.explanations.length} known mistakes`} (best match first).`
        : `Not valid, and no known mistake reproduces the signature: most likely a wrong consumer or token secret, a wrong token, or a mistake outside the catalogue.`));
  for (const n of d.notes) out.append(h('p', { class: 'note' }, n));
  if (d.explanations.length > 0) {
    const list = h('ol', { class: 'mistakes' });
    for (const e of d.explanations) {
      list.append(h('li', { 'data-testid': 'explanation' },
        h('div', {}, ...e.mistakes.map((id) => h('span', { 'data-testid': 'mistake', 'data-mistake-id': id }, h('span', { class: 'mistake-id' }, id), h('strong', {}, mistakeById(id)?.title ?? ''), ' '))),
        h('p', {}, e.explanation), h('p', { class: 'fix' }, e.fix)));
    }
    out.append(h('div', { class: 'card' }, h('h2', {}, 'Named mistakes, ranked'), list));
  }
  const received = explained?.baseString;
  const diffAt = explained?.firstDifference ?? null;
  out.append(h('div', { class: 'card' }, h('h2', {}, 'Base strings'),
    diffAt !== null ? h('p', { class: 'note' }, `They part at character ${diffAt + 1} (highlighted). One parameter per line.`) : explained !== undefined ? h('p', { class: 'note' }, 'The base string is right: the key or the signature method is what differs.') : null,
    h('div', { class: 'pair' },
      h('div', {}, h('h3', {}, 'Recomputed (correct)'), baseStringView(d.baseString, diffAt, 'base-string-expected', undefined)),
      h('div', {}, h('h3', {}, received !== undefined ? 'What the signer must have signed' : 'What the signer signed'),
        received !== undefined ? baseStringView(received, diffAt, 'base-string-received', 'first-difference')
          : h('pre', { class: 'bs', 'data-testid': 'base-string-received' }, d.valid ? '(same as the recomputed one)' : '(unknown: no catalogued mistake reproduces the signature)')))));
  out.append(parameterTable(captured, options, d.baseString, received));
}

async function runDiagnose(): Promise<void> {
  const out = byId('diagnose-output');
  const time = byId('diagnose-time');
  out.replaceChildren();
  time.textContent = '';
  try {
    const captured = readRequest(byId<HTMLTextAreaElement>('request-input').value, byId<HTMLSelectElement>('request-format').value);
    const cs = byId<HTMLInputElement>('consumer-secret').value;
    const ts = byId<HTMLInputElement>('token-secret').value;
    const pk = byId<HTMLTextAreaElement>('public-key').value.trim();
    const provider = byId<HTMLSelectElement>('provider').value;
    // Secrets typed into the fields win over those carried by a JSON input.
    const consumerSecret = cs !== '' ? cs : captured.consumerSecret;
    const tokenSecret = ts !== '' ? ts : captured.tokenSecret;
    const profileName = provider !== '' ? provider : captured.provider;
    const options = profileName === undefined ? {} : { multipartPolicy: getProfile(profileName).multipart.policy };
    const secrets = { consumerSecret, tokenSecret, publicKey: pk === '' ? undefined : pk };
    const started = performance.now();
    const d = await diagnoseSignatureAsync(captured, secrets, options);
    const ms = performance.now() - started;
    renderDiagnosis(out, captured, options, d);
    time.textContent = `diagnosed in ${ms.toFixed(1)} ms (${d.variantsTried} signers tried)`;
    time.dataset.ms = String(ms);
  } catch (e) {
    out.append(h('div', { class: 'error', 'data-testid': 'diagnose-error', role: 'alert' }, errorText(e)));
  }
}

function errorText(e: unknown): string {
  const err = e as { code?: string; message?: string };
  return err.code !== undefined ? `${err.code}: ${err.message}` : String(err.message ?? e);
}

// ------------------------------------------------------------------------------------------ sign

function formPairs(text: string): Array<[string, string]> {
  return text.split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => {
    const at = l.indexOf('=');
    return at < 0 ? [l, ''] : [l.slice(0, at), l.slice(at + 1)];
  });
}

const MASK = '••••••••';

function curlFor(signed: { method: string; url: string; headers: Record<string, string>; body?: string }): string {
  const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const parts = ['curl', '-X', signed.method, q(signed.url)];
  for (const [k, v] of Object.entries(signed.headers)) parts.push('-H', q(`${k}: ${v}`));
  if (signed.body !== undefined) parts.push('--data-raw', q(signed.body));
  return parts.join(' ');
}

function copyButton(label: string, text: () => string, testid: string): HTMLElement {
  const b = h('button', { type: 'button', class: 'copy', 'data-testid': testid }, label);
  b.addEventListener('click', () => {
    void navigator.clipboard?.writeText(text()).then(() => { b.textContent = 'Copied'; setTimeout(() => { b.textContent = label; }, 1500); }, () => { b.textContent = 'Copy failed: select and copy'; });
  });
  return b;
}

async function runSign(): Promise<void> {
  const out = byId('sign-output');
  out.replaceChildren();
  const v = (id: string): string => byId<HTMLInputElement>(id).value;
  const reveal = byId<HTMLInputElement>('reveal-sign').checked;
  try {
    const method = v('sign-method');
    const signatureMethod = v('sign-signature-method');
    const form = formPairs(v('sign-form-pairs'));
    const input: SignRequestInput = {
      method, url: v('sign-url').trim(), consumerKey: v('sign-consumer-key'), consumerSecret: v('sign-consumer-secret'),
      signatureMethod, placement: v('sign-placement') as Placement,
    };
    if (form.length > 0) input.form = form;
    if (v('sign-token') !== '') { input.token = v('sign-token'); input.tokenSecret = v('sign-token-secret'); }
    if (signatureMethod.startsWith('RSA-')) input.privateKey = v('sign-private-key');
    for (const [id, key] of [['sign-realm', 'realm'], ['sign-callback', 'callback'], ['sign-verifier', 'verifier'], ['sign-nonce', 'nonce']] as const) if (v(id) !== '') input[key] = v(id);
    if (v('sign-timestamp') !== '') input.timestamp = v('sign-timestamp');
    const signed = await signRequestAsync(input);
    const plaintext = signed.signatureMethod === 'PLAINTEXT';
    const hide = (s: string): string => (plaintext && !reveal ? s.split(percentEncode(signed.signature)).join(MASK).split(signed.signature).join(MASK) : s);
    const key = `${percentEncode(input.consumerSecret ?? '')}&${percentEncode(input.tokenSecret ?? '')}`;
    const curl = curlFor(signed);
    const rows = signed.parameters.map((p) => h('tr', {}, h('td', { class: 'mono' }, p.name), h('td', { class: 'mono' }, p.value), h('td', {}, p.source)));
    const step = (title: string, ...body: Kids): HTMLElement => h('li', {}, h('strong', {}, title), ...body);
    out.append(h('div', { class: 'card' }, h('h2', {}, 'Every step'), h('ol', { class: 'steps', 'data-testid': 'sign-steps' },
      step('Parameters collected (RFC 5849 §3.4.1.3.1)', h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'name'), h('th', {}, 'value'), h('th', {}, 'source'))), h('tbody', {}, ...rows)))),
      step('Normalised parameter string (§3.4.1.3.2)', h('pre', { 'data-testid': 'sign-normalized' }, signed.normalizedParameters)),
      step('Base string URI (§3.4.1.2)', h('pre', {}, signed.baseStringUri)),
      step('Signature base string (§3.4.1.1)', baseStringView(signed.baseString, null, 'sign-base-string', undefined)),
      step(signatureMethod.startsWith('RSA-') ? 'Signed with the RSA private key (§3.4.3)' : 'Signing key: encoded consumer secret & encoded token secret (§3.4.2)', h('pre', {}, signatureMethod.startsWith('RSA-') ? '(private key, not shown)' : reveal ? key : key.replace(/[^&]+/g, MASK))),
      step(`oauth_signature (${signed.signatureMethod})`, h('pre', { 'data-testid': 'sign-signature' }, hide(signed.signature))),
      step('Authorization header', h('pre', { 'data-testid': 'sign-authorization' }, hide(signed.authorization)), copyButton('Copy header', () => signed.authorization, 'copy-authorization')),
      step('curl', h('pre', { 'data-testid': 'sign-curl' }, hide(curl)), copyButton('Copy curl', () => curl, 'copy-curl')))));
  } catch (e) {
    out.append(h('div', { class: 'error', role: 'alert', 'data-testid': 'sign-error' }, errorText(e)));
  }
}

// ------------------------------------------------------------------------------------------ explain

function runExplain(): void {
  const out = byId('explain-output');
  out.replaceChildren();
  try {
    const text = byId<HTMLTextAreaElement>('explain-input').value;
    if (text.trim() === '') throw new Error('paste a response first');
    const response = parseHttpResponseText(text);
    const status = byId<HTMLInputElement>('explain-status').value.trim();
    if (status !== '') response.status = Number(status);
    const provider = byId<HTMLSelectElement>('explain-provider').value;
    const d = decodeProviderError(response, provider === '' ? undefined : getProfile(provider));
    const problem = d.problem !== undefined ? `${d.problem}${OAUTH_PROBLEMS[d.problem] ? ` (${OAUTH_PROBLEMS[d.problem]!.description})` : ''}` : d.providerCode !== undefined ? `provider code ${d.providerCode}` : `HTTP ${d.status}`;
    const dl = h('dl', { class: 'kv', 'data-testid': 'explain-result' });
    const row = (k: string, val: string | undefined): void => { if (val !== undefined && val !== '') dl.append(h('dt', {}, k), h('dd', {}, val)); };
    row('status', d.status === 0 ? 'unknown (give the HTTP status)' : `HTTP ${d.status}`);
    row('decoded as', d.format);
    row('problem', problem);
    row('provider code', d.providerCode);
    row('message', d.message);
    row('what to do', d.hint);
    row('advice', d.advice);
    row('retryable', d.retryable ? 'yes' : 'no');
    if (d.acceptableTimestamps) row('acceptable timestamps', d.acceptableTimestamps.join(' – '));
    if (d.clockOffsetMs !== undefined) row('clock offset', `${Math.round(d.clockOffsetMs / 1000)} s`);
    row('parameters absent', d.parametersAbsent?.join(', '));
    row('parameters rejected', d.parametersRejected?.join(', '));
    row("server's base string", d.serverBaseString);
    out.append(h('div', { class: 'card' }, h('h2', {}, 'Decoded'), dl));
  } catch (e) {
    out.append(h('div', { class: 'error', role: 'alert' }, errorText(e)));
  }
}

// ------------------------------------------------------------------------------------------ start

function start(): void {
  setupTabs();
  setupReveal('reveal-diagnose', ['consumer-secret', 'token-secret']);
  setupReveal('reveal-sign', ['sign-consumer-secret', 'sign-token-secret', 'sign-private-key']);
  byId('reveal-sign').addEventListener('change', () => { if (byId('sign-output').childElementCount > 0) void runSign(); });
  for (const id of ['provider', 'explain-provider']) {
    const sel = byId<HTMLSelectElement>(id);
    for (const name of Object.keys(PROVIDERS)) sel.append(h('option', { value: name }, name));
  }
  byId('diagnose-form').addEventListener('submit', (e) => { e.preventDefault(); void runDiagnose(); });
  byId('sign-form').addEventListener('submit', (e) => { e.preventDefault(); void runSign(); });
  byId('explain-form').addEventListener('submit', (e) => { e.preventDefault(); runExplain(); });
}

start();
