// `npm run demo`: the RFC 5849 §1.2 examples signed step by step, then the whole three-legged flow (§2) against the local sandbox.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signRequest } from '../../core/sign.js';
import type { SignRequestInput } from '../../core/types.js';
import { curlCommand, renderExplained, renderSigningKey } from '../cli/shared/render.js';
import { createSandboxProvider, type SandboxProviderName } from '../sandbox/index.js';
import { OAuth1Client } from '../../client/flow/index.js';
import type { SignedAttempt } from '../../client/transport/options.js';
import { FLOW_DEMO_STEPS } from './flow-steps.js';
import type { DemoOutput, FlowDemoContext, FlowDemoStep } from './flow-step.js';

export type { DemoOutput, FlowDemoContext, FlowDemoStep } from './flow-step.js';
import { isMainModule } from '../entry-point.js';

/** One step of the demo: a title and work that prints what it does and says whether it came out right. */
export interface DemoStep {
  title: string;
  run(out: DemoOutput): boolean | Promise<boolean>;
}

/** A request from RFC 5849 §1.2 with the values the RFC prints for it. */
interface PublishedExample {
  title: string;
  input: SignRequestInput;
  /** `oauth_signature` as printed (decoded from the header's percent-encoding). */
  signature: string;
  /** The Authorization header as printed, its display line breaks joined with single spaces. */
  authorization: string;
}

// RFC 5849 §1.2: client credentials dpf43f3p2l4k3l03 / kd94hf93k423kf44, HMAC-SHA1, no oauth_version.
const CLIENT = { consumerKey: 'dpf43f3p2l4k3l03', consumerSecret: 'kd94hf93k423kf44', signatureMethod: 'HMAC-SHA1', version: null, realm: 'Photos' } as const;

/** The three §1.2 requests: temporary credentials (page 6), token credentials and protected resource (page 7). */
export const RFC5849_EXAMPLES: ReadonlyArray<PublishedExample> = [
  {
    title: 'Temporary credentials request (RFC 5849 §1.2, page 6)',
    // "the client sends the following HTTPS [RFC2818] request"
    input: { ...CLIENT, method: 'POST', url: 'https://photos.example.net/initiate', nonce: 'wIjqoS', timestamp: '137131200', callback: 'http://printer.example.com/ready' },
    signature: '74KNZJeDHnMBp0EMJ9ZHt/XKycU=',
    authorization: 'OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131200", oauth_nonce="wIjqoS", oauth_callback="http%3A%2F%2Fprinter.example.com%2Fready", oauth_signature="74KNZJeDHnMBp0EMJ9ZHt%2FXKycU%3D"',
  },
  {
    title: 'Token credentials request (RFC 5849 §1.2, page 7)',
    // Signed with the temporary credentials from the page 6 response, "over a secure Transport Layer Security (TLS) channel".
    input: { ...CLIENT, method: 'POST', url: 'https://photos.example.net/token', token: 'hh5s93j4hdidpola', tokenSecret: 'hdhd0244k9j7ao03', nonce: 'walatlh', timestamp: '137131201', verifier: 'hfdp7dh39dks9884' },
    signature: 'gKgrFCywp7rO0OXSjdot/IHF7IU=',
    authorization: 'OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="hh5s93j4hdidpola", oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131201", oauth_nonce="walatlh", oauth_verifier="hfdp7dh39dks9884", oauth_signature="gKgrFCywp7rO0OXSjdot%2FIHF7IU%3D"',
  },
  {
    title: 'Protected resource request (RFC 5849 §1.2, page 7)',
    // The RFC shows "GET /photos?file=vacation.jpg&size=original" without saying TLS; the printed signature is for http.
    input: { ...CLIENT, method: 'GET', url: 'http://photos.example.net/photos?file=vacation.jpg&size=original', token: 'nnch734d00sl2jdk', tokenSecret: 'pfkkdhi9sl3r4s00', nonce: 'chapoH', timestamp: '137131202' },
    signature: 'MdpQcU8iPSUjWoN/UDMsK2sui9I=',
    authorization: 'OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="nnch734d00sl2jdk", oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131202", oauth_nonce="chapoH", oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"',
  },
];

/** A step that signs a published example, prints every intermediate value and compares with the RFC. */
export function signPublishedExampleStep(example: PublishedExample): DemoStep {
  return {
    title: example.title,
    run(out) {
      const signed = signRequest(example.input);
      // The RFC publishes these client and token secrets, so the demo shows the signing key.
      out.write(renderExplained({
        signed,
        inputUrl: example.input.url,
        signingKey: renderSigningKey(signed.signatureMethod, { consumerSecret: example.input.consumerSecret, tokenSecret: example.input.tokenSecret, hasPrivateKey: false, showSecrets: true }),
        curl: curlCommand({ method: signed.method, url: signed.url, headers: signed.headers }),
      }));
      const signatureOk = signed.signature === example.signature;
      const headerOk = signed.authorization === example.authorization;
      out.write(`\nCheck against the RFC\n`);
      out.write(`  signature             ${signatureOk ? 'ok' : 'MISMATCH'}  published ${example.signature}, computed ${signed.signature}\n`);
      out.write(`  Authorization header  ${headerOk ? 'ok' : 'MISMATCH'}${headerOk ? '' : `\n    published ${example.authorization}\n    computed  ${signed.authorization}`}\n`);
      return signatureOk && headerOk;
    },
  };
}

/** Part 1 of the demo: the three RFC 5849 §1.2 requests, checked against the RFC's printed values. */
export const DEMO_STEPS: ReadonlyArray<DemoStep> = RFC5849_EXAMPLES.map(signPublishedExampleStep);

/**
 * Runs the demo steps in order, printing each, and returns the exit code: 0 when every step
 * matched its published values, 1 otherwise.
 *
 * @example process.exitCode = await runDemo();
 */
export async function runDemo(steps: ReadonlyArray<DemoStep> = DEMO_STEPS, out: DemoOutput = process.stdout): Promise<number> {
  const failed: string[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    out.write(`${i === 0 ? '' : '\n'}${'='.repeat(78)}\nStep ${i + 1} of ${steps.length}: ${step.title}\n${'='.repeat(78)}\n\n`);
    let ok: boolean;
    try {
      ok = await step.run(out);
    } catch (e) {
      out.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
      ok = false;
    }
    if (!ok) failed.push(step.title);
  }
  out.write(failed.length === 0
    ? `\nAll ${steps.length} steps match the published values.\n`
    : `\n${failed.length} of ${steps.length} steps did NOT match: ${failed.join('; ')}\n`);
  return failed.length === 0 ? 0 : 1;
}

/**
 * Prints what the transport signed for one hop: base string and header (no secrets are in either).
 *
 * @example new OAuth1Client({ …, onSigned: (a) => printSignedAttempt(process.stdout, a) })
 */
export function printSignedAttempt(out: DemoOutput, a: SignedAttempt): void {
  const label = `${a.signed?.method ?? ''} ${a.url.split('?')[0]}${a.attempt > 0 ? ` (retry ${a.attempt})` : ''}${a.redirect > 0 ? ` (redirect ${a.redirect})` : ''}`;
  if (a.signed === undefined) { out.write(`  -> ${label}: another origin, sent without credentials\n`); return; }
  out.write(`  -> ${label}\n     base string:   ${a.signed.baseString}\n     Authorization: ${a.signed.authorization}\n`);
}

export { FLOW_DEMO_STEPS };

/**
 * Runs the flow demo: starts the sandbox on an ephemeral 127.0.0.1 port and a loopback callback
 * listener, runs each step (printing the base string and Authorization header of every signed
 * request), closes both and returns the exit code (0 when every step succeeded).
 *
 * @example process.exitCode = await runFlowDemo();
 */
export async function runFlowDemo(steps: ReadonlyArray<FlowDemoStep> = FLOW_DEMO_STEPS, out: DemoOutput = process.stdout, options: { provider?: SandboxProviderName } = {}): Promise<number> {
  const sandbox = await createSandboxProvider({ provider: options.provider ?? 'weibo-v1' });
  const waiting: Array<(url: string) => void> = [];
  const listener = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
    res.end('authorised; back to the demo\n');
    waiting.shift()?.(`${origin}${req.url ?? '/'}`);
  });
  let origin = 'http://127.0.0.1';
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  const callback = `${origin}/callback`;
  out.write(`sandbox ${sandbox.provider} listening on ${sandbox.url}; consumer key ${sandbox.consumerKey}; callback listener ${callback}\n`);
  const ctx: FlowDemoContext = {
    sandbox, out, callback,
    client: new OAuth1Client({
      profile: sandbox.profile, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret,
      // RSA emulations (jira, confluence): the key pair the sandbox generated for the application link.
      ...(sandbox.consumerPrivateKey !== undefined ? { privateKey: sandbox.consumerPrivateKey } : {}),
      onSigned: (a) => printSignedAttempt(out, a),
    }),
    nextCallback: () => new Promise((resolve) => { waiting.push(resolve); }),
  };
  const failed: string[] = [];
  try {
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      out.write(`\n${'='.repeat(78)}\nFlow step ${i + 1} of ${steps.length}: ${step.title}\n${'='.repeat(78)}\n`);
      let ok: boolean;
      try {
        ok = await step.run(ctx);
      } catch (e) {
        out.write(`error: ${e instanceof Error ? `${(e as { code?: string }).code ?? e.name}: ${e.message}` : String(e)}\n`);
        ok = false;
      }
      if (!ok) { failed.push(step.title); break; }
    }
  } finally {
    listener.close();
    listener.closeAllConnections();
    await sandbox.close();
  }
  out.write(failed.length === 0 ? `\nAll ${steps.length} flow steps succeeded against the sandbox.\n` : `\nFlow step failed: ${failed[0]}\n`);
  return failed.length === 0 ? 0 : 1;
}

if (isMainModule(import.meta.url)) {
  (async () => {
    // `npm run demo -- --provider NAME`: that provider's scripted session against its emulation only.
    const at = process.argv.indexOf('--provider');
    if (at !== -1) {
      const name = process.argv[at + 1] ?? '';
      const { PROVIDER_DEMOS } = await import('./providers/index.js');
      const steps = Object.prototype.hasOwnProperty.call(PROVIDER_DEMOS, name) ? PROVIDER_DEMOS[name] : undefined;
      if (steps === undefined) {
        process.stderr.write(`demo: --provider must be one of ${Object.keys(PROVIDER_DEMOS).join(', ')}, got ${JSON.stringify(name)}\n`);
        return 2;
      }
      return runFlowDemo(steps, process.stdout, { provider: name as SandboxProviderName });
    }
    const rfc = await runDemo(DEMO_STEPS, process.stdout);
    process.stdout.write(`\n${'#'.repeat(78)}\nPart 2: the three-legged flow against the local sandbox provider\n${'#'.repeat(78)}\n\n`);
    const flow = await runFlowDemo(FLOW_DEMO_STEPS, process.stdout);
    return rfc === 0 && flow === 0 ? 0 : 1;
  })().then((code) => { process.exitCode = code; }, (e: unknown) => {
    process.stderr.write(`demo: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
