// The sandbox provider's memory: registered consumers, issued tokens, posted statuses, request log (RFC 5849 §2); nonces live in a NonceStore.

import { randomBytes, randomInt } from 'node:crypto';

/** An access token registered with the sandbox (pre-registered or issued by the flow). */
export interface SandboxAccessToken {
  /** `oauth_token`. */
  token: string;
  /** `oauth_token_secret`. */
  tokenSecret: string;
  /** Consumer key the token was issued to. @default the sandbox's consumer key */
  consumerKey?: string;
  /** The account's numeric id. @default '1234567890' */
  userId?: string;
  /** The account's screen name. @default 'sandbox_user' */
  screenName?: string;
}

/** Temporary credentials issued by `/oauth/request_token`. */
export interface SandboxTemporaryToken {
  token: string;
  tokenSecret: string;
  consumerKey: string;
  callback: string;
  state: 'issued' | 'approved' | 'denied' | 'used';
  verifier?: string;
  issuedAt: number;
}

/** One request as the sandbox saw it (for tests and the demo; secrets are never in it). */
export interface SandboxRequestRecord {
  /** HTTP method. */
  method: string;
  /** Path without query. */
  path: string;
  /** Whether an `Authorization` header came with it. */
  authorization: boolean;
  /** Protocol parameters received (decoded; `oauth_signature` included), from wherever they were. */
  oauth: Record<string, string>;
  /** Where the protocol parameters were: header, query, form, or none. */
  oauthIn: 'header' | 'query' | 'form' | 'none';
  /** Status answered. */
  status?: number;
  /** OAuth problem answered, if the request was refused. */
  problem?: string;
}

/** A status posted to `statuses/update.json`. */
export interface SandboxStatus {
  id: number;
  text: string;
  userId: string;
  createdAt: string;
}

/**
 * Random token material: letters and digits.
 *
 * @example randomToken() // 'aX3k…' (24 characters)
 */
export function randomToken(bytes = 18): string {
  return randomBytes(bytes).toString('base64url').replace(/[-_]/g, 'x');
}

/**
 * A six-digit PIN, the verifier shown for `oob`.
 *
 * @example randomPin() // '042917'
 */
export function randomPin(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * All mutable sandbox data, in one object the routes share.
 *
 * @example new SandboxState('sandbox-consumer-key', 'sandbox-consumer-secret').addAccessToken({ token: 't', tokenSecret: 's' })
 */
export class SandboxState {
  readonly consumers = new Map<string, string>();
  /** RSA public keys (PEM public key or certificate) of consumers that sign with RSA-* (application links), by consumer key. */
  readonly publicKeys = new Map<string, string>();
  readonly temporary = new Map<string, SandboxTemporaryToken>();
  readonly access = new Map<string, Required<SandboxAccessToken>>();
  readonly statuses: SandboxStatus[] = [];
  readonly requests: SandboxRequestRecord[] = [];
  #nextStatusId = 3_500_000_000_000_000;

  constructor(readonly defaultConsumerKey: string, consumerSecret: string) {
    this.consumers.set(defaultConsumerKey, consumerSecret);
  }

  /** Registers an access token; returns the stored entry. */
  addAccessToken(t: SandboxAccessToken): Required<SandboxAccessToken> {
    const entry: Required<SandboxAccessToken> = {
      token: t.token, tokenSecret: t.tokenSecret, consumerKey: t.consumerKey ?? this.defaultConsumerKey,
      userId: t.userId ?? '1234567890', screenName: t.screenName ?? 'sandbox_user',
    };
    this.access.set(entry.token, entry);
    return entry;
  }

  /** Stores a posted status and returns it. */
  addStatus(text: string, userId: string, nowMs: number): SandboxStatus {
    const s: SandboxStatus = { id: this.#nextStatusId++, text, userId, createdAt: new Date(nowMs).toUTCString() };
    this.statuses.push(s);
    return s;
  }
}
