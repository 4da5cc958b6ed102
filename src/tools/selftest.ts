// Golden-fixture runner: checks the signing core against published vectors (RFC 5849, OAuth Core 1.0, Twitter, body hash).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { percentEncode, parseFormEncoded } from '../core/encoding.js';
import { parseRequestUrl, normalizeParameters, composeBaseString } from '../core/base-string.js';
import { resolveSignatureMethod } from '../core/signature-methods/index.js';
import { computeBodyHash } from '../core/body-hash.js';
import { signRequest } from '../core/sign.js';
import { OAuthError, type OAuthErrorOptions } from '../core/errors.js';
import type { BodyHashAlgorithm, Parameter, SignRequestInput } from '../core/types.js';

/** The vector kinds the runner knows. Any other kind is reported as a failure. */
export const FIXTURE_KINDS = [
  'percent-encode', 'normalize-parameters', 'base-string-uri', 'base-string', 'sign', 'signature', 'body-hash',
] as const;

/** One of {@link FIXTURE_KINDS}. */
export type FixtureKind = (typeof FIXTURE_KINDS)[number];

/** One published test vector: what to compute (`kind`), from what (`input`), and the published answer. */
export interface FixtureVector {
  /** Unique, stable name, e.g. `rfc5849-1-2-temporary-credentials`. */
  id: string;
  /** Where the expected value is published (document, section, page). */
  source: string;
  /** What to compute; see {@link FIXTURE_KINDS}. */
  kind: string;
  /** The kind-specific input. */
  input: unknown;
  /** The published result. */
  expected: unknown;
  /** Remarks on how the vector was read from its source. */
  note?: string;
}

/** A fixture file: a source citation and its vectors. */
export interface FixtureFile {
  /** File name the vectors were read from (e.g. `rfc5849.json`), if any. */
  file?: string;
  /** The document the file's vectors come from. */
  source: string;
  /** Remarks on the whole file. */
  note?: string;
  /** The vectors, in file order. */
  vectors: FixtureVector[];
}

/** The outcome of one vector. */
export interface VectorResult {
  /** The vector's `id`. */
  id: string;
  /** The vector's `source`. */
  source: string;
  /** The vector's `kind`. */
  kind: string;
  /** The fixture file it came from, when known. */
  file?: string;
  /** Whether `actual` equals `expected`. */
  ok: boolean;
  /** What the toolkit computed (`undefined` when it threw). */
  actual: unknown;
  /** The published value. */
  expected: unknown;
  /** Why the vector could not be computed (thrown error or malformed vector). */
  error?: { code: string; message: string };
}

/** A fixture file or folder cannot be read or does not have the fixture shape. */
export class FixtureError extends OAuthError {
  constructor(message: string, options?: OAuthErrorOptions) {
    super('ERR_OAUTH_FIXTURE_INVALID', message, options);
  }
}

/** Thrown inside {@link runVector} for a vector whose input or expected value has the wrong shape. */
class VectorShapeError extends OAuthError {
  constructor(message: string) {
    super('ERR_OAUTH_FIXTURE_INVALID', message);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function requireString(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new VectorShapeError(`${what} must be a string`);
  return v;
}

function optionalString(v: unknown, what: string): string | undefined {
  return v === undefined ? undefined : requireString(v, what);
}

function requirePairs(v: unknown, what: string): Parameter[] {
  if (!Array.isArray(v)) throw new VectorShapeError(`${what} must be a list of [name, value] pairs`);
  return v.map((p: unknown, i) => {
    if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'string' || typeof p[1] !== 'string') {
      throw new VectorShapeError(`${what}[${i}] must be a [name, value] pair of strings`);
    }
    return [p[0], p[1]] as const;
  });
}

const BODY_HASH_ALGORITHMS = new Set(['sha1', 'sha256', 'sha512']);

/** The keys of a `SignedRequest` a `sign` vector may state an expected value for. */
const SIGNED_REQUEST_KEYS = new Set([
  'method', 'url', 'baseStringUri', 'parameters', 'normalizedParameters', 'baseString', 'signatureMethod',
  'signature', 'oauthParams', 'authorization', 'headers', 'form', 'body', 'placement',
]);

/** Computes what a vector asks for. Throws on malformed input or when the core throws. */
function compute(kind: string, input: unknown, expected: unknown): unknown {
  switch (kind) {
    case 'percent-encode':
      return percentEncode(requireString(input, 'input'));
    case 'normalize-parameters':
      return normalizeParameters(requirePairs(input, 'input'));
    case 'base-string-uri':
      return parseRequestUrl(requireString(input, 'input')).baseStringUri;
    case 'base-string': {
      // RFC 5849 §3.4.1.3.1: the URL query's parameters plus the given (form and protocol) ones.
      if (!isRecord(input)) throw new VectorShapeError('input must be an object {method, url, params}');
      const method = requireString(input.method, 'input.method');
      const { baseStringUri, query } = parseRequestUrl(requireString(input.url, 'input.url'));
      const params = [...(query === '' ? [] : parseFormEncoded(query)), ...requirePairs(input.params ?? [], 'input.params')]
        .filter(([name]) => name !== 'oauth_signature');
      return composeBaseString(method, baseStringUri, normalizeParameters(params));
    }
    case 'sign': {
      if (!isRecord(input)) throw new VectorShapeError('input must be a signRequest input object');
      if (!isRecord(expected) || Object.keys(expected).length === 0) {
        throw new VectorShapeError('expected must be an object such as {signature, baseString?}');
      }
      const signed = signRequest(input as unknown as SignRequestInput) as unknown as Record<string, unknown>;
      const actual: Record<string, unknown> = {};
      for (const key of Object.keys(expected)) {
        if (!SIGNED_REQUEST_KEYS.has(key)) throw new VectorShapeError(`expected.${key} is not a SignedRequest field`);
        actual[key] = signed[key];
      }
      return actual;
    }
    case 'signature': {
      if (!isRecord(input)) throw new VectorShapeError('input must be an object {signatureMethod, baseString, …}');
      const method = resolveSignatureMethod(requireString(input.signatureMethod, 'input.signatureMethod'));
      return method.sign(requireString(input.baseString, 'input.baseString'), {
        consumerSecret: optionalString(input.consumerSecret, 'input.consumerSecret'),
        tokenSecret: optionalString(input.tokenSecret, 'input.tokenSecret'),
        privateKey: optionalString(input.privateKey, 'input.privateKey'),
      });
    }
    case 'body-hash': {
      if (!isRecord(input)) throw new VectorShapeError('input must be an object {body, algorithm}');
      const algorithm = requireString(input.algorithm ?? 'sha1', 'input.algorithm');
      if (!BODY_HASH_ALGORITHMS.has(algorithm)) throw new VectorShapeError(`input.algorithm must be sha1, sha256 or sha512, got ${JSON.stringify(algorithm)}`);
      return computeBodyHash(requireString(input.body, 'input.body'), algorithm as BodyHashAlgorithm);
    }
    default:
      throw new VectorShapeError(`unknown vector kind ${JSON.stringify(kind)}; known: ${FIXTURE_KINDS.join(', ')}`);
  }
}

function describeError(e: unknown): { code: string; message: string } {
  if (e instanceof OAuthError) return { code: e.code, message: e.message };
  if (e instanceof Error) return { code: (e as { code?: string }).code ?? e.name, message: e.message };
  return { code: 'ERR_UNKNOWN', message: String(e) };
}

/**
 * Runs one vector and compares the result with its published value. Never throws: a malformed
 * vector, an unknown `kind` or an error from the core is a failed result with `error` set.
 *
 * @example
 * runVector({ id: 'x', source: 'RFC 5849 §3.6', kind: 'percent-encode', input: 'a b', expected: 'a%20b' })
 * // { id: 'x', source: 'RFC 5849 §3.6', kind: 'percent-encode', ok: true, actual: 'a%20b', expected: 'a%20b' }
 */
export function runVector(vector: FixtureVector, file?: string): VectorResult {
  const v = (isRecord(vector) ? vector : {}) as Partial<FixtureVector>;
  const result: VectorResult = {
    id: typeof v.id === 'string' ? v.id : '(no id)',
    source: typeof v.source === 'string' ? v.source : '(no source)',
    kind: typeof v.kind === 'string' ? v.kind : '(no kind)',
    ok: false,
    actual: undefined,
    expected: v.expected,
  };
  if (file !== undefined) result.file = file;
  try {
    if (typeof v.id !== 'string' || v.id === '') throw new VectorShapeError('vector needs a non-empty string id');
    if (typeof v.source !== 'string' || v.source === '') throw new VectorShapeError(`vector ${v.id} needs a source citation`);
    if (typeof v.kind !== 'string') throw new VectorShapeError(`vector ${v.id} needs a kind`);
    if (v.expected === undefined) throw new VectorShapeError(`vector ${v.id} has no expected value`);
    result.actual = compute(v.kind, v.input, v.expected);
    result.ok = isDeepStrictEqual(result.actual, v.expected);
  } catch (e) {
    result.error = describeError(e);
  }
  return result;
}

/**
 * Runs every vector of the given fixture files (or of one list of vectors), in order.
 *
 * @example
 * const results = runFixtures(loadFixtures());
 * const failed = results.filter((r) => !r.ok);
 */
export function runFixtures(fixtures: ReadonlyArray<FixtureFile> | ReadonlyArray<FixtureVector>): VectorResult[] {
  const out: VectorResult[] = [];
  for (const item of fixtures) {
    if (isRecord(item) && Array.isArray((item as Partial<FixtureFile>).vectors)) {
      const file = item as FixtureFile;
      for (const vector of file.vectors) out.push(runVector(vector, file.file));
    } else {
      out.push(runVector(item as FixtureVector));
    }
  }
  return out;
}

/** Counts of a run: how many vectors, how many passed and failed. */
export interface FixtureSummary {
  total: number;
  passed: number;
  failed: number;
}

/**
 * Counts passed and failed results.
 *
 * @example summarizeResults(runFixtures(loadFixtures())) // { total: 64, passed: 64, failed: 0 }
 */
export function summarizeResults(results: ReadonlyArray<VectorResult>): FixtureSummary {
  let passed = 0;
  for (const r of results) if (r.ok) passed++;
  return { total: results.length, passed, failed: results.length - passed };
}

/**
 * The `fixtures/` folder shipped with this package, found next to the package's `package.json`
 * whether this module runs from `src/` (tsx), `dist/src/` or an installed `node_modules` copy.
 *
 * @example defaultFixturesDir() // '/…/node_modules/oauth1-toolkit/fixtures'
 */
export function defaultFixturesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  // src/ or dist/src/: the package root is at most a few levels up.
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'fixtures');
    if (isDirectory(candidate) && isFile(join(dir, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new FixtureError('cannot find the fixtures/ folder of oauth1-toolkit next to its package.json');
}

function isDirectory(p: string): boolean {
  try { return statSync(p).isDirectory(); } catch { return false; }
}

function isFile(p: string): boolean {
  try { return statSync(p).isFile(); } catch { return false; }
}

/**
 * Reads every `*.json` fixture file directly in `dir` (sub-folders are not read), sorted by name.
 * This is the runner's only I/O.
 *
 * @param dir folder to read. @default the package's own `fixtures/` ({@link defaultFixturesDir})
 * @throws {FixtureError} `ERR_OAUTH_FIXTURE_INVALID` when the folder or a file cannot be read, is not JSON, or lacks `source`/`vectors`.
 * @example
 * const files = loadFixtures();
 * files.map((f) => `${f.file}: ${f.vectors.length}`)
 */
export function loadFixtures(dir: string = defaultFixturesDir()): FixtureFile[] {
  const root = resolve(dir);
  let names: string[];
  try {
    names = readdirSync(root).filter((n) => n.endsWith('.json') && isFile(join(root, n))).sort();
  } catch (e) {
    throw new FixtureError(`cannot read fixture folder ${root}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, { cause: e });
  }
  return names.map((name) => {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(join(root, name), 'utf8'));
    } catch (e) {
      throw new FixtureError(`fixture file ${name} is not valid JSON: ${(e as Error).message}`, { cause: e });
    }
    if (!isRecord(data) || typeof data.source !== 'string' || !Array.isArray(data.vectors)) {
      throw new FixtureError(`fixture file ${name} must be an object with a "source" string and a "vectors" list`);
    }
    const file: FixtureFile = { file: name, source: data.source, vectors: data.vectors as FixtureVector[] };
    if (typeof data.note === 'string') file.note = data.note;
    return file;
  });
}

// Registers this module's codes in the error family's union (see OAuthErrorRegistry).
declare module '../core/errors.js' {
  interface OAuthErrorRegistry {
    ERR_OAUTH_FIXTURE_INVALID: FixtureError;
  }
}
