// Signature forensics: name the signer mistake behind a wrong oauth_signature (RFC 5849 §3.2, §3.4).

export { diagnoseSignature, diagnoseSignatureAsync, pipelineContext, type CapturedRequest, type CapturedFile, type DiagnosisSecrets, type DiagnosisOptions, type SignatureExplanation, type SignatureDiagnosis } from './diagnose.js';
export { MISTAKES, MISTAKE_IDS, mistakeById, type Mistake, type MistakeId, type PipelineStage } from './catalogue.js';
export { parseHttpRequestText, parseHttpResponseText, parseCurlCommand, parseHarEntry, parseJsonRequests, parseMultipartBody, shellWords, type CapturedInput, type CapturedResponse, type InputOptions } from './inputs/index.js';
export { parseBaseString, diffBaseStrings, extractBaseString, type ParsedBaseString, type BaseStringDiff, type BaseStringParameter, type ParameterDifference } from './base-string-diff.js';
export { parsePostmanCollection, selectPostmanRequest, PostmanCollectionError, type PostmanCollection, type PostmanRequest, type PostmanOAuth1Settings, type PostmanCollectionErrorCode } from './inputs/index.js';
export { postmanSign, comparePostmanRequest, type PostmanSignInput, type PostmanSigned, type PostmanDifference, type PostmanComparison } from './postman.js';
