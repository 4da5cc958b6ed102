// Multipart uploads: bodies of known length streamed from disk, and which fields are signed (RFC 5849 §3.4.1.3.1).

export { UploadError, type UploadErrorCode } from './upload-error.js';
export {
  createMultipartBody, multipartBodyHash,
  type MultipartBody, type MultipartBodyOptions, type MultipartFile, type MultipartFileInfo, type MultipartTextEncoding, type UploadProgress,
} from './multipart-body.js';
export {
  resolveMultipartPolicy, planMultipartSigning, explainMultipart,
  type MultipartSigningOptions, type MultipartSigningPlan, type MultipartPolicySource, type MultipartExplanation, type DoubleEncodedField,
} from './multipart-signing.js';
export {
  prepareMultipart, signMultipart, uploadMultipart,
  type MultipartRequest, type PreparedMultipart, type UploadOptions, type UploadAttemptProgress, type MultipartUploadResult,
} from './multipart-upload.js';
export { ChunkedUploadError, type ChunkedUploadErrorCode } from './chunked-upload-error.js';
export {
  uploadMediaChunked, TWITTER_MEDIA_UPLOAD_URL, DEFAULT_SEGMENT_SIZE,
  type ChunkedUploadOptions, type ChunkedUploadResult, type ChunkedUploadSession, type ChunkedUploadProgress,
} from './chunked-upload.js';
