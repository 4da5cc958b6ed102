// The shapes demo steps share (output, flow context, flow step), apart so steps in other modules need not import the demo runner.

import type { SandboxProvider } from '../sandbox/index.js';
import type { OAuth1Client, TemporaryCredentials, TokenCredentials } from '../../client/flow/index.js';

/** Where demo steps write. */
export interface DemoOutput {
  write(text: string): unknown;
}

/** What the flow steps share: the sandbox, the client, and what earlier steps obtained. */
export interface FlowDemoContext {
  /** The sandbox provider the demo talks to. */
  sandbox: SandboxProvider;
  /** The client (consumer credentials, profile pointed at the sandbox, got transport). */
  client: OAuth1Client;
  /** Where steps write. */
  out: DemoOutput;
  /** The loopback callback URL (`http://127.0.0.1:PORT/callback`). */
  callback: string;
  /** Resolves with the next callback URL the loopback listener receives. */
  nextCallback(): Promise<string>;
  /** Set by the temporary-credentials step. */
  temporary?: TemporaryCredentials;
  /** Set by the authorisation step. */
  verifier?: string;
  /** Set by the token-credentials step. */
  access?: TokenCredentials;
}

/** One step of the flow demo. Append to {@link FLOW_DEMO_STEPS} to add one (e.g. an upload). */
export interface FlowDemoStep {
  title: string;
  run(ctx: FlowDemoContext): Promise<boolean>;
}
