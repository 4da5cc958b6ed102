// Captured-request readers for the forensics, one per input form: raw HTTP, curl, HAR, JSON, multipart bodies; and pasted responses.

export { type CapturedInput, type InputOptions } from './common.js';
export { parseHttpRequestText } from './http.js';
export { parseCurlCommand, shellWords } from './curl.js';
export { parseHarEntry } from './har.js';
export { parseJsonRequests } from './json.js';
export { parseMultipartBody } from './multipart.js';
export { parseHttpResponseText, type CapturedResponse } from './response.js';
export { parsePostmanCollection, selectPostmanRequest, PostmanCollectionError, type PostmanCollection, type PostmanRequest, type PostmanOAuth1Settings, type PostmanCollectionErrorCode } from './postman.js';
