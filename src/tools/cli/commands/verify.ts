// `oauth1 verify`: check a captured request's signature and, when it is wrong, name the signer mistake (RFC 5849 §3.2, §3.4).

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { OAuthError } from '../../../core/errors.js';
import { getProfile } from '../../../providers/index.js';
import type { MultipartSigningPolicy, ProviderProfile } from '../../../providers/profile.js';
import { SANDBOX_EMULATIONS } from '../../sandbox/providers/index.js';
import { diagnoseSignature, type SignatureDiagnosis, type DiagnosisSecrets } from '../../../forensics/diagnose.js';
import { parseCurlCommand, parseHarEntry, parseHttpRequestText, parseJsonRequests, parsePostmanCollection, selectPostmanRequest, PostmanCollectionError, type CapturedInput, type PostmanRequest } from '../../../forensics/inputs/index.js';
import { MISTAKES } from '../../../forensics/catalogue.js';
import { comparePostmanRequest, type PostmanComparison } from '../../../forensics/postman.js';
import { credentialsFromFlags, readCredentialsFile } from '../shared/credentials.js';
import { readSource } from '../shared/read-source.js';
import { profileOrUsage } from '../shared/provider-flags.js';
import { helpOption, providerNames } from '../shared/help-text.js';
import { hidesSignature, redactSignatureParameter } from '../shared/redact.js';
import { EXIT, UsageError, type CliCommand, type CliIo } from '../shared/io.js';

const OPTIONS = {
  curl: { type: 'string' },
  har: { type: 'string' },
  entry: { type: 'string' },
  request: { type: 'string' },
  scheme: { type: 'string' },
  provider: { type: 'string' },
  'consumer-secret': { type: 'string' },
  'token-secret': { type: 'string' },
  credentials: { type: 'string' },
  'public-key': { type: 'string' },
  'no-pairs': { type: 'boolean' },
  json: { type: 'boolean' },
  'show-secrets': { type: 'boolean' },
  postman: { type: 'string' },
  environment: { type: 'string' },
} as const;

const HELP = `Usage: oauth1 verify [FILE|-] [options]
       oauth1 verify --curl 'curl …' [options]
       oauth1 verify --har FILE [--entry N] [options]
       oauth1 verify --request FILE|- [options]
       oauth1 verify --postman COLLECTION.json [--request NAME] [--environment ENV.json]
                     FILE|-|--curl 'curl …'|--har FILE [options]

Recomputes the signature of a captured request and says whether it is valid. When it is not,
it runs a faulty signer for each of ${MISTAKES.length} known signer mistakes — alone and in every pair — and
reports each one that reproduces the captured oauth_signature, best first: what the signer did,
the base string it must have signed, the first byte where that differs from the correct base
string, and the fix. When nothing reproduces it, it says so and does not guess: the secrets or
the token are wrong, or the mistake is not one it knows. See docs/debugging.md.

Input (exactly one):
  FILE | -                 a raw HTTP request: request line, headers, blank line, body
                           (- reads stdin). An origin-form request line (GET /path) is made
                           absolute from the Host header and --scheme. A file that starts with
                           { or [ is read as the JSON of --request FILE.
  --curl 'COMMAND'         a curl command line (-X, -H, -d/--data*, --data-urlencode, -F, -G, URL)
  --har FILE               a HAR 1.2 file (browser "Save all as HAR") ...
  --entry N                ... and which entry, counting from 0 (default 0)
  --request FILE|-         JSON: one object, an array, or JSON lines. Each is the signRequest
                           shape plus "authorization" (the header exactly as sent), "multipart"
                           ({"fields": [[name, value]…], "files": [{"name","filename","size"}…]}),
                           "provider" and "id"; it may carry consumerSecret / tokenSecret.
  --scheme http|https      scheme of an origin-form raw request (default: HTTP/2's :scheme
                           if printed, else https, or http when the Host header says :80)
${helpOption('--provider NAME', `provider profile (${providerNames()}): decides which multipart fields are signed; overrides "provider" in JSON.`, 27)}
                           Without one, multipart text fields are not signed (RFC 5849).

Postman (compare with what a Postman collection would send):
  --postman FILE           a Postman Collection v2.1 export (auth type oauth1 on the request, a
                           folder or the collection; {{variables}} from its "variable" array)
  --request NAME           with --postman: which request ("Name" or "Folder/Name"); needed when
                           the collection holds more than one. The failing request is then given
                           as FILE|-, --curl or --har.
  --environment FILE       a Postman environment export; its values win over the collection's
  It prints where the signature Postman would compute for the failing request differs from the
  failing one, naming the settings responsible (addEmptyParamsToSign, disableHeaderEncoding,
  includeBodyHash, token, version…) and the single setting change that reproduces the failing
  signature, or that they agree; then whether Postman itself signs RFC 5849-correctly with these
  settings, then the usual diagnosis. Secrets default to the collection's.

Secrets (first found wins: flag, --credentials file, environment, the JSON request):
  --consumer-secret SECRET   or env OAUTH1_CONSUMER_SECRET
  --token-secret SECRET      or env OAUTH1_TOKEN_SECRET
  --credentials FILE         JSON {"consumerKey","consumerSecret","token","tokenSecret"} — the
                             file \`oauth1 flow --save\` writes is accepted as is
  --public-key FILE          PEM public key or certificate, for RSA-SHA1 / RSA-SHA256

Output:
  --json                   one line per request: {"id","valid","signatureMethod","baseString",
                           "diagnosis":[{"mistakes":[…],"explanation","baseString",
                           "firstDifference","fix"}…]}; diagnosis [] on an invalid signature
                           means unexplained. A request that cannot be read prints {"id","error"}.
  --no-pairs               try each mistake alone only
  --show-secrets           print the signing keys of the faulty signers (redacted otherwise)
  -h, --help               show this help

Exit codes: 0 every signature valid, 1 a signature invalid (or a request unreadable), 2 usage.

Examples:
  # paste the failing curl command
  OAUTH1_CONSUMER_SECRET=… OAUTH1_TOKEN_SECRET=… oauth1 verify --curl 'curl -X POST \\
    -H "Authorization: OAuth oauth_consumer_key=\\"…\\", …" \\
    -d "status=hello world" https://api.example.com/1/statuses/update.json'

  # a raw request captured with a proxy, on stdin
  oauth1 verify - --credentials creds.json < request.txt

  # the request Postman sends fails: compare it with the collection's settings
  oauth1 verify --postman api.postman_collection.json --request 'OAuth/Request token' \\
    --curl 'curl -X POST -H "Authorization: OAuth …" https://api.example.com/oauth/request_token'

  # a request sent with \`oauth1 request --capture\` (the file holds no secret)
  oauth1 request GET http://127.0.0.1:8765/account/verify_credentials.json \\
    --credentials creds.json --capture sent.json
  oauth1 verify --request sent.json --credentials creds.json --json
`;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true; allowPositionals: true }>>['values'];

async function readInputs(values: Values, positionals: string[], io: CliIo): Promise<CapturedInput[]> {
  // With --postman, --request names the collection's request; the failing one comes from FILE, --curl or --har.
  const jsonRequest = values.postman === undefined && values.request !== undefined;
  const given = [positionals.length > 0, values.curl !== undefined, values.har !== undefined, jsonRequest].filter(Boolean).length;
  if (given === 0) throw new UsageError(values.postman === undefined ? 'give a request: FILE or - (raw HTTP), --curl, --har or --request' : 'give the failing request to compare with the collection: FILE or - (raw HTTP or JSON), --curl or --har');
  if (given > 1) throw new UsageError(values.postman === undefined ? 'give exactly one input: FILE, --curl, --har or --request' : 'give exactly one failing request: FILE, --curl or --har');
  if (values.environment !== undefined && values.postman === undefined) throw new UsageError('--environment goes with --postman');
  if (positionals.length > 1) throw new UsageError('give one raw request FILE (or - for stdin)');
  if (values.entry !== undefined && values.har === undefined) throw new UsageError('--entry goes with --har');
  if (values.scheme !== undefined && values.scheme !== 'http' && values.scheme !== 'https') throw new UsageError(`--scheme must be http or https, got ${JSON.stringify(values.scheme)}`);
  const options = { ...(values.scheme === undefined ? {} : { scheme: values.scheme as 'http' | 'https' }), readFile: (p: string) => readFileSync(p, 'latin1') };
  if (values.curl !== undefined) return [parseCurlCommand(values.curl, options)];
  if (values.har !== undefined) {
    const entry = values.entry === undefined ? 0 : Number(values.entry);
    if (!Number.isInteger(entry) || entry < 0) throw new UsageError(`--entry must be a whole number from 0, got ${JSON.stringify(values.entry)}`);
    return [parseHarEntry(await readSource(values.har, io, '--har'), entry)];
  }
  if (jsonRequest) return parseJsonRequests(await readSource(values.request!, io, '--request'));
  const text = await readSource(positionals[0]!, io, 'request file');
  return /^\s*[[{]/.test(text) ? parseJsonRequests(text) : [parseHttpRequestText(text, options)];
}

async function loadPostman(values: Values, io: CliIo): Promise<PostmanRequest> {
  const text = await readSource(values.postman!, io, '--postman');
  const env = values.environment === undefined ? undefined : await readSource(values.environment, io, '--environment');
  const collection = parsePostmanCollection(text, env);
  try {
    return selectPostmanRequest(collection, values.request);
  } catch (e) {
    // Which request to compare is the user's choice: a missing or unknown name is a usage error listing the names.
    if (e instanceof PostmanCollectionError && (e.code === 'ERR_OAUTH_POSTMAN_REQUEST_AMBIGUOUS' || e.code === 'ERR_OAUTH_POSTMAN_REQUEST_UNKNOWN')) throw new UsageError(e.message);
    throw e;
  }
}

function renderPostman(label: string, cmp: PostmanComparison, method: string, show: boolean): string {
  const hide = hidesSignature(method, show);
  const sig = (v: string): string => (hide ? '<redacted: PLAINTEXT signature is the key>' : v);
  const s = cmp.differences;
  const lines = [`${label}Postman: request "${cmp.request}" (OAuth 1.0 settings from the ${cmp.authFrom})`];
  for (const n of cmp.notableSettings) lines.push(`  setting: ${n}`);
  if (!cmp.computed) lines.push('  Postman\'s signature cannot be computed here: RSA-* needs the collection\'s private key (only the base string is compared)');
  else if (cmp.agree) lines.push('  AGREE: Postman computes this same oauth_signature for the failing request with these settings');
  else lines.push('  DIFFERENT: the signature Postman would compute for the failing request is not the failing one');
  for (const d of s) {
    const responsible = d.settings.length === 0 ? 'the request itself' : `setting${d.settings.length > 1 ? 's' : ''} ${d.settings.join(', ')}`;
    const [p, c] = d.what === 'oauth_signature' ? [sig(d.postman), sig(d.captured)] : [d.postman, d.captured];
    lines.push(`  - ${d.what}: Postman ${p}, failing ${c}  (${responsible})`);
  }
  if (!cmp.agree && cmp.reproducedBy.length > 0) lines.push(`  the failing signature is Postman's with ${cmp.reproducedBy.join(' or ')} — the collection says otherwise`);
  else if (!cmp.agree && s.some((d) => d.what === 'oauth_signature')) lines.push('  no single setting change reproduces the failing signature: the secrets differ, or the request was changed after signing');
  lines.push('  Postman\'s base string:', `    ${hide ? redactSignatureParameter(cmp.postmanBaseString) : cmp.postmanBaseString}`);
  const rfc = cmp.postmanRfc;
  if (rfc === undefined) lines.push('  Postman vs RFC 5849: not checked (RSA-* or no signature)');
  else if (rfc.valid) lines.push('  Postman vs RFC 5849: with these settings Postman signs this request correctly');
  else {
    const first = rfc.explanations[0];
    lines.push(`  Postman vs RFC 5849: with these settings Postman itself signs this request wrongly${first === undefined ? '' : `: ${first.mistakes.join(' + ')}`}`);
    if (first !== undefined) lines.push(`    fix: ${first.fix}`);
  }
  lines.push('');
  return lines.join('\n');
}

function postmanJson(cmp: PostmanComparison, method: string, show: boolean): object {
  const hide = hidesSignature(method, show);
  return {
    request: cmp.request, authFrom: cmp.authFrom, agree: cmp.agree, computed: cmp.computed, notableSettings: cmp.notableSettings, reproducedBy: cmp.reproducedBy,
    differences: cmp.differences.map((d) => (hide && d.what === 'oauth_signature' ? { ...d, postman: '<redacted>', captured: '<redacted>' } : d)),
    baseString: hide ? redactSignatureParameter(cmp.postmanBaseString) : cmp.postmanBaseString,
    rfc: cmp.postmanRfc === undefined ? null : { valid: cmp.postmanRfc.valid, mistakes: cmp.postmanRfc.explanations[0]?.mistakes ?? [] },
  };
}

/** The note for a request signed with a method the named provider refuses (Magento 2.4: HMAC-SHA256 only). */
function providerMethodNote(provider: string | undefined, method: string): string | undefined {
  if (provider === undefined) return undefined;
  let profile: ProviderProfile;
  try { profile = profileOrUsage(provider); } catch { return undefined; }
  const emulation = Object.prototype.hasOwnProperty.call(SANDBOX_EMULATIONS, profile.name) ? SANDBOX_EMULATIONS[profile.name as keyof typeof SANDBOX_EMULATIONS] : undefined;
  const accepted = emulation?.signatureMethods ?? [profile.signatureMethod];
  if (accepted.includes(method.toUpperCase())) return undefined;
  return `${profile.name} accepts ${accepted.join(' or ')}, not ${method}: it refuses this request with signature_method_rejected whether or not the signature is valid`;
}

function policyOf(provider: string | undefined): MultipartSigningPolicy | undefined {
  return provider === undefined ? undefined : getProfile(provider).multipart.policy;
}

/** Shows `width` characters around `offset` of both strings with a caret under the difference. */
function differenceContext(correct: string, faulty: string, offset: number): string[] {
  const from = Math.max(0, offset - 24);
  const cut = (s: string): string => (from > 0 ? '…' : '') + s.slice(from, offset + 40) + (s.length > offset + 40 ? '…' : '');
  const pad = offset - from + (from > 0 ? 1 : 0);
  return [`        correct: ${cut(correct)}`, `        signed:  ${cut(faulty)}`, `                 ${' '.repeat(pad)}^`];
}

function describeKey(mistakes: string[], secrets: DiagnosisSecrets, show: boolean): string | undefined {
  const keyMistakes = ['token-secret-omitted', 'key-ampersand-missing', 'secrets-swapped'];
  if (!mistakes.some((m) => keyMistakes.includes(m))) return undefined;
  const cs = show ? secrets.consumerSecret ?? '' : '<consumer secret>';
  const ts = show ? secrets.tokenSecret ?? '' : '<token secret>';
  let key = `${cs}&${ts}`;
  if (mistakes.includes('token-secret-omitted')) key = `${cs}&`;
  if (mistakes.includes('key-ampersand-missing')) key = key.replace('&', '');
  if (mistakes.includes('secrets-swapped')) key = mistakes.includes('token-secret-omitted') ? `&${cs}` : `${ts}&${cs}`;
  return `signed with key: ${key}${show ? '' : '   (secrets redacted; --show-secrets prints them)'}`;
}

function renderDiagnosis(label: string, req: CapturedInput, d: SignatureDiagnosis, secrets: DiagnosisSecrets, show: boolean): string {
  const url = hidesSignature(d.signatureMethod, show) ? redactSignatureParameter(req.url) : req.url;
  const lines = [`${label}${req.method.toUpperCase()} ${url}`, `  signature method: ${d.signatureMethod}`];
  for (const note of d.notes) lines.push(`  note: ${note}`);
  if (d.valid) {
    lines.push('  valid: oauth_signature matches the recomputed signature', '');
    return lines.join('\n');
  }
  lines.push('  NOT VALID: oauth_signature does not match the recomputed signature', '  correct base string:', `    ${d.baseString}`);
  if (d.explanations.length === 0) {
    lines.push(
      `  unexplained: none of the ${MISTAKES.length} catalogued mistakes, alone or in pairs (${d.variantsTried} faulty signers tried), reproduces this signature.`,
      '    Most likely the consumer secret or token secret is wrong, or the token is not the one these',
      '    secrets belong to. Otherwise the signer made a mistake this catalogue does not know:',
      '    compare its base string with the one above using `oauth1 diff`.', '');
    return lines.join('\n');
  }
  lines.push(`  diagnosis: ${d.explanations.length === 1 ? 'one explanation reproduces' : `${d.explanations.length} explanations reproduce`} the captured signature (best first)`);
  d.explanations.forEach((e, i) => {
    lines.push(`  ${i + 1}. ${e.mistakes.join(' + ')}`, `     ${e.explanation}`);
    if (e.firstDifference === null) {
      lines.push('     the base string is right; the key or the algorithm is not');
      const key = describeKey(e.mistakes, secrets, show);
      if (key !== undefined) lines.push(`     ${key}`);
    } else {
      lines.push('     base string the signer used:', `       ${e.baseString}`, `     first difference at byte ${e.firstDifference}:`, ...differenceContext(d.baseString, e.baseString, e.firstDifference).map((l) => l.slice(2)));
    }
    lines.push(`     fix: ${e.fix}`);
  });
  lines.push('');
  return lines.join('\n');
}

/** The diagnosis with every oauth_signature value in its base strings redacted (PLAINTEXT: the signature is the key). */
function withoutSignatures(d: SignatureDiagnosis): SignatureDiagnosis {
  return {
    ...d, baseString: redactSignatureParameter(d.baseString),
    explanations: d.explanations.map((e) => ({ ...e, baseString: redactSignatureParameter(e.baseString) })),
  };
}

function warnPlaintext(req: CapturedInput, d: SignatureDiagnosis, io: CliIo, where: string): void {
  if (d.signatureMethod === 'PLAINTEXT' && /^http:\/\//i.test(req.url)) {
    io.stderr.write(`oauth1 verify: warning${where}: PLAINTEXT over http:// sends the secrets in clear text; RFC 5849 §3.4.4 requires TLS\n`);
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  const show = values['show-secrets'] === true;
  const fromFile = values.credentials === undefined ? {} : readCredentialsFile(values.credentials);
  const fromFlags = credentialsFromFlags({ 'consumer-secret': values['consumer-secret'], 'token-secret': values['token-secret'] }, {});
  const fromEnv = credentialsFromFlags({}, io.env);
  let publicKey: string | undefined;
  if (values['public-key'] !== undefined) {
    try {
      publicKey = readFileSync(values['public-key'], 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read --public-key ${values['public-key']}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  if (values.provider !== undefined) profileOrUsage(values.provider);
  const postman = values.postman === undefined ? undefined : await loadPostman(values, io);
  const inputs = await readInputs(values, positionals, io);
  let invalid = 0;
  inputs.forEach((req, index) => {
    const id = req.id ?? String(index + 1);
    const where = inputs.length === 1 ? '' : ` (request ${id})`;
    const secrets: DiagnosisSecrets = {};
    // With --postman the collection's secrets come last.
    const cs = fromFlags.consumerSecret ?? fromFile.consumerSecret ?? fromEnv.consumerSecret ?? req.consumerSecret ?? postman?.oauth1?.consumerSecret;
    const ts = fromFlags.tokenSecret ?? fromFile.tokenSecret ?? fromEnv.tokenSecret ?? req.tokenSecret ?? postman?.oauth1?.tokenSecret;
    if (cs !== undefined) secrets.consumerSecret = cs;
    if (ts !== undefined) secrets.tokenSecret = ts;
    if (publicKey !== undefined) secrets.publicKey = publicKey;
    let d: SignatureDiagnosis;
    let cmp: PostmanComparison | undefined;
    try {
      if (postman !== undefined) cmp = comparePostmanRequest(postman, req, secrets);
      const policy = policyOf(values.provider ?? req.provider);
      d = diagnoseSignature(req, secrets, { ...(policy === undefined ? {} : { multipartPolicy: policy }), pairs: values['no-pairs'] !== true });
    } catch (e) {
      if (!(e instanceof OAuthError)) throw e;
      invalid++;
      if (values.json) io.stdout.write(JSON.stringify({ id, error: e.toJSON() }) + '\n');
      else io.stderr.write(`oauth1 verify${where}: error ${e.code}: ${e.message}\n`);
      return;
    }
    const methodNote = providerMethodNote(values.provider ?? req.provider, d.signatureMethod);
    if (methodNote !== undefined) d = { ...d, notes: [...d.notes, methodNote] };
    warnPlaintext(req, d, io, where);
    if (!d.valid) invalid++;
    if (hidesSignature(d.signatureMethod, show)) d = withoutSignatures(d);
    if (values.json) {
      io.stdout.write(JSON.stringify({
        id, valid: d.valid, signatureMethod: d.signatureMethod, baseString: d.baseString, ...(d.notes.length > 0 ? { notes: d.notes } : {}),
        ...(cmp === undefined ? {} : { postman: postmanJson(cmp, d.signatureMethod, show) }),
        diagnosis: d.explanations.map((e) => ({ mistakes: e.mistakes, explanation: e.explanation, baseString: e.baseString, firstDifference: e.firstDifference, fix: e.fix })),
      }) + '\n');
    } else {
      if (cmp !== undefined) io.stdout.write(renderPostman(inputs.length === 1 ? '' : `[${id}] `, cmp, d.signatureMethod, show));
      io.stdout.write(renderDiagnosis(inputs.length === 1 ? '' : `[${id}] `, req, d, secrets, show));
    }
  });
  if (!values.json && inputs.length > 1) io.stdout.write(`${inputs.length - invalid} of ${inputs.length} signatures valid\n`);
  return invalid > 0 ? EXIT.FAILURE : EXIT.OK;
}

/** The `oauth1 verify` command. */
export const command: CliCommand = {
  name: 'verify',
  summary: 'check a captured request\'s signature and name the signer mistake when it is wrong',
  help: HELP,
  run,
};
