// Storage's errors, as Supabase's Storage API answers them: { statusCode, code, error, message }.
// storage-js reads `code` (exists() treats NoSuchKey as "no such file") and `message`.

export class StorageError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
    readonly code: string = error,
  ) {
    super(message);
  }

  toBody() {
    return { statusCode: String(this.status), code: this.code, error: this.error, message: this.message };
  }
}

export const storageErrors = {
  unauthorized: () => new StorageError(400, "Unauthorized", "headers must have required property 'authorization'", "InvalidJWT"),
  invalidJwt: (message: string) => new StorageError(400, "InvalidJWT", message, "InvalidJWT"),
  bucketNotFound: () => new StorageError(404, "Bucket not found", "Bucket not found", "NoSuchBucket"),
  objectNotFound: () => new StorageError(404, "not_found", "Object not found", "NoSuchKey"),
  invalidBucket: () => new StorageError(400, "Invalid Input", "Bucket name invalid", "InvalidBucketName"),
  invalidKey: () => new StorageError(400, "InvalidKey", "Invalid key", "InvalidKey"),
  duplicate: () => new StorageError(409, "Duplicate", "The resource already exists", "KeyAlreadyExists"),
  tooLarge: () => new StorageError(413, "Payload too large", "The object exceeded the maximum allowed size", "EntityTooLarge"),
  forbidden: (message: string) => new StorageError(403, "Unauthorized", message, "AccessDenied"),
  notFound: () => new StorageError(404, "not_found", "Route not found", "NotFound"),
  bucketNotEmpty: () => new StorageError(409, "InvalidRequest", "The bucket you tried to delete is not empty", "InvalidRequest"),
  badRequest: (message: string) => new StorageError(400, "InvalidRequest", message, "InvalidRequest"),
  invalidMimeType: (type: string) => new StorageError(415, "invalid_mime_type", `mime type ${type} is not supported`, "InvalidMimeType"),
};
