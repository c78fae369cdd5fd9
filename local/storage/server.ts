// A Supabase Storage-compatible server: the subset storage-js uses. Metadata lives in
// storage.buckets / storage.objects and every metadata query runs as the caller's role with their
// JWT claims, so RLS on those tables decides as on Supabase; bytes live on disk, streamed in and out.
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import pg from "pg";
import { BodyError, readJson, sendJson, isRecord, type RouteHandler } from "../http";
import { JwtError, bearerToken, signJwt, verifyJwt, type JwtClaims } from "../jwt";
import type { Logger } from "../log";

export interface StorageOptions {
  databaseUrl: string;
  jwtSecret: string;
  /** Where object bytes are kept. */
  rootDir: string;
  /** The global upload limit in bytes (Supabase's default: 50 MB). */
  fileSizeLimit: number;
  log: Logger;
}

export interface StorageServer {
  handler: RouteHandler;
  stop(): Promise<void>;
}

class StorageError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

const errors = {
  unauthorized: () => new StorageError(400, "Unauthorized", "headers must have required property 'authorization'"),
  invalidJwt: (message: string) => new StorageError(400, "InvalidJWT", message),
  bucketNotFound: () => new StorageError(404, "Bucket not found", "Bucket not found"),
  objectNotFound: () => new StorageError(404, "not_found", "Object not found"),
  invalidBucket: () => new StorageError(400, "Invalid Input", "Bucket name invalid"),
  invalidKey: () => new StorageError(400, "InvalidKey", "Invalid key"),
  duplicate: () => new StorageError(409, "Duplicate", "The resource already exists"),
  tooLarge: () => new StorageError(413, "Payload too large", "The object exceeded the maximum allowed size"),
  forbidden: (message: string) => new StorageError(403, "Unauthorized", message),
  notFound: () => new StorageError(404, "not_found", "Route not found"),
  bucketNotEmpty: () => new StorageError(409, "InvalidRequest", "The bucket you tried to delete is not empty"),
  badRequest: (message: string) => new StorageError(400, "InvalidRequest", message),
};

const BUCKET_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const API_ROLES = new Set(["anon", "authenticated", "service_role"]);

const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** A bucket's file_size_limit: bytes as a number, or a size like "10MB" as storage-js allows. */
function parseSize(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return Math.floor(value);
  const match = typeof value === "string" ? /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(value) : null;
  if (!match) throw errors.badRequest("file_size_limit must be a number of bytes or a size like 10MB");
  return Math.floor(Number(match[1]) * SIZE_UNITS[(match[2] ?? "b").toLowerCase()]!);
}

function checkBucket(name: string): string {
  if (!BUCKET_NAME.test(name)) throw errors.invalidBucket();
  return name;
}

/** Object keys: no empty, "." or ".." segments, no backslashes or control characters. */
function checkKey(key: string): string {
  const segments = key.split("/");
  const bad = key.length === 0 || key.length > 1024 || /[\\\x00-\x1f]/.test(key) ||
    segments.some((segment) => segment === "" || segment === "." || segment === "..");
  if (bad) throw errors.invalidKey();
  return key;
}

/** A stream that fails once more than `limit` bytes went through it. */
function byteLimit(limit: number): Transform & { bytes: () => number } {
  let bytes = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > limit) callback(errors.tooLarge());
      else callback(null, chunk);
    },
  }) as Transform & { bytes: () => number };
  transform.bytes = () => bytes;
  return transform;
}

interface ObjectRow {
  id: string;
  name: string;
  metadata: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
  last_accessed_at: Date;
}

export function createStorageServer(options: StorageOptions): StorageServer {
  const { jwtSecret, log } = options;
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 5 });
  pool.on("error", (error) => log.error(`storage database connection: ${error.message}`));
  const filePath = (bucket: string, objectId: string) => path.join(options.rootDir, bucket, objectId);

  function claimsOf(req: IncomingMessage): JwtClaims {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw errors.unauthorized();
    try {
      const claims = verifyJwt(token, jwtSecret, Math.floor(Date.now() / 1000));
      if (typeof claims.role !== "string" || !API_ROLES.has(claims.role)) throw errors.invalidJwt("invalid role");
      return claims;
    } catch (error) {
      if (error instanceof JwtError) throw errors.invalidJwt(error.reason === "expired" ? "jwt expired" : "invalid signature");
      throw error;
    }
  }

  /** Runs `work` in a transaction as the caller: their role and claims, so RLS applies. */
  async function asCaller<T>(claims: JwtClaims, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query("begin");
      await client.query(`set local role ${claims.role as string}`);
      await client.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify(claims)]);
      const result = await work(client);
      await client.query("commit");
      return result;
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async function bucketOf(client: pg.PoolClient, id: string) {
    const { rows } = await client.query<{ id: string; public: boolean; file_size_limit: string | null; allowed_mime_types: string[] | null }>(
      "select id, public, file_size_limit, allowed_mime_types from storage.buckets where id = $1",
      [id],
    );
    return rows[0] ?? null;
  }

  async function createBucket(req: IncomingMessage) {
    const claims = claimsOf(req);
    const body = await readJson(req);
    if (!isRecord(body)) throw errors.badRequest("body must be an object");
    const id = checkBucket(String(body.id ?? body.name ?? ""));
    await asCaller(claims, async (client) => {
      await client.query(
        `insert into storage.buckets (id, name, owner, public, file_size_limit, allowed_mime_types)
         values ($1, $1, $2, $3, $4, $5)`,
        [id, claims.sub ?? null, body.public === true, parseSize(body.file_size_limit),
         Array.isArray(body.allowed_mime_types) ? body.allowed_mime_types : null],
      );
    });
    return { name: id };
  }

  async function upload(req: IncomingMessage, bucketId: string, key: string, mode: "create" | "update") {
    const claims = claimsOf(req);
    const upsert = mode === "update" || req.headers["x-upsert"] === "true";
    const bucket = await asCaller(claims, (client) => bucketOf(client, bucketId));
    if (!bucket) throw errors.bucketNotFound();
    const limit = Math.min(options.fileSizeLimit, bucket.file_size_limit ? Number(bucket.file_size_limit) : Infinity);
    const objectId = randomUUID();
    await mkdir(path.join(options.rootDir, bucketId), { recursive: true });
    const temporary = `${filePath(bucketId, objectId)}.upload`;
    let contentType = String(req.headers["content-type"] ?? "application/octet-stream");
    const cacheControl = String(req.headers["cache-control"] ?? "max-age=3600");
    let size = 0;
    try {
      if (contentType.startsWith("multipart/form-data")) {
        ({ size, contentType } = await receiveMultipart(req, temporary, limit));
      } else {
        const counter = byteLimit(limit);
        await pipeline(req, counter, createWriteStream(temporary));
        size = counter.bytes();
      }
      if (bucket.allowed_mime_types && !bucket.allowed_mime_types.includes(contentType.split(";")[0]!.trim())) {
        throw new StorageError(415, "invalid_mime_type", `mime type ${contentType} is not supported`);
      }
      const metadata = { size, mimetype: contentType, cacheControl, eTag: `"${objectId}"`, lastModified: new Date().toISOString() };
      const previous = await asCaller(claims, async (client) => {
        const { rows } = await client.query<{ id: string }>(
          "select id from storage.objects where bucket_id = $1 and name = $2", [bucketId, key],
        );
        const existing = rows[0];
        if (existing && !upsert) throw errors.duplicate();
        if (!existing && mode === "update") throw errors.objectNotFound();
        if (existing) {
          const updated = await client.query(
            "update storage.objects set id = $3, metadata = $4, owner = $5, updated_at = now() where bucket_id = $1 and name = $2 returning id",
            [bucketId, key, objectId, metadata, claims.sub ?? null],
          );
          if (updated.rowCount === 0) throw errors.forbidden("new row violates row-level security policy");
        } else {
          await client.query(
            "insert into storage.objects (id, bucket_id, name, owner, metadata) values ($1, $2, $3, $4, $5)",
            [objectId, bucketId, key, claims.sub ?? null, metadata],
          );
        }
        return existing?.id ?? null;
      });
      await rename(temporary, filePath(bucketId, objectId));
      if (previous) await rm(filePath(bucketId, previous), { force: true });
      return { Id: objectId, Key: `${bucketId}/${key}` };
    } finally {
      await rm(temporary, { force: true });
    }
  }

  function receiveMultipart(req: IncomingMessage, target: string, limit: number): Promise<{ size: number; contentType: string }> {
    return new Promise((resolve, reject) => {
      const parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: limit + 1 } });
      let done: Promise<{ size: number; contentType: string }> | null = null;
      parser.on("file", (_field, file: Readable, info) => {
        const counter = byteLimit(limit);
        done = pipeline(file, counter, createWriteStream(target)).then(() => ({ size: counter.bytes(), contentType: info.mimeType }));
        done.catch(() => file.resume());
      });
      parser.on("error", reject);
      parser.on("close", () => (done ? done.then(resolve, reject) : reject(errors.badRequest("no file in the form"))));
      req.pipe(parser);
    });
  }

  async function sendObject(res: ServerResponse, bucketId: string, object: ObjectRow) {
    const file = filePath(bucketId, object.id);
    const info = await stat(file).catch(() => null);
    if (!info) throw errors.objectNotFound();
    res.writeHead(200, {
      "content-type": String(object.metadata?.mimetype ?? "application/octet-stream"),
      "content-length": info.size,
      "cache-control": String(object.metadata?.cacheControl ?? "no-cache"),
      etag: `"${object.id}"`,
      "last-modified": object.updated_at.toUTCString(),
    });
    await pipeline(createReadStream(file), res);
  }

  async function findObject(client: pg.PoolClient, bucketId: string, key: string): Promise<ObjectRow | null> {
    const { rows } = await client.query<ObjectRow>(
      "select id, name, metadata, created_at, updated_at, last_accessed_at from storage.objects where bucket_id = $1 and name = $2",
      [bucketId, key],
    );
    return rows[0] ?? null;
  }

  /** Objects read without a user: public buckets and signed URLs. Bypasses RLS on purpose. */
  async function findObjectAsSystem(bucketId: string, key: string): Promise<ObjectRow | null> {
    const { rows } = await pool.query<ObjectRow>(
      "select id, name, metadata, created_at, updated_at, last_accessed_at from storage.objects where bucket_id = $1 and name = $2",
      [bucketId, key],
    );
    return rows[0] ?? null;
  }

  async function list(req: IncomingMessage, bucketId: string) {
    const claims = claimsOf(req);
    const body = await readJson(req);
    if (!isRecord(body)) throw errors.badRequest("body must be an object");
    const prefix = String(body.prefix ?? "").replace(/^\/+|\/+$/g, "");
    const search = String(body.search ?? "");
    const limit = Math.min(1000, Math.max(1, Number(body.limit ?? 100)));
    const offset = Math.max(0, Number(body.offset ?? 0));
    const sortBy = isRecord(body.sortBy) ? body.sortBy : {};
    const descending = String(sortBy.order ?? "asc").toLowerCase() === "desc";
    const rows = await asCaller(claims, async (client) =>
      (await client.query<ObjectRow>(
        `select id, name, metadata, created_at, updated_at, last_accessed_at from storage.objects
          where bucket_id = $1 and name like $2 escape '\\' order by name`,
        [bucketId, `${prefix.replace(/[\\%_]/g, "\\$&")}${prefix ? "/" : ""}%`],
      )).rows,
    );
    // Immediate children of the prefix: files, and folders (id null) for deeper keys.
    const entries = new Map<string, Record<string, unknown>>();
    for (const row of rows) {
      const rest = row.name.slice(prefix ? prefix.length + 1 : 0);
      const [head, ...tail] = rest.split("/");
      if (!head || (search && !head.includes(search))) continue;
      if (tail.length > 0) {
        if (!entries.has(head)) entries.set(head, { name: head, id: null, updated_at: null, created_at: null, last_accessed_at: null, metadata: null });
      } else {
        entries.set(head, { name: head, id: row.id, updated_at: row.updated_at, created_at: row.created_at, last_accessed_at: row.last_accessed_at, metadata: row.metadata });
      }
    }
    const sorted = [...entries.values()].sort((a, b) => String(a.name).localeCompare(String(b.name)) * (descending ? -1 : 1));
    return sorted.slice(offset, offset + limit);
  }

  async function remove(req: IncomingMessage, bucketId: string) {
    const claims = claimsOf(req);
    const body = await readJson(req);
    const prefixes = isRecord(body) && Array.isArray(body.prefixes) ? body.prefixes.map(String) : null;
    if (!prefixes) throw errors.badRequest("prefixes must be a list of object paths");
    const deleted = await asCaller(claims, async (client) =>
      (await client.query<ObjectRow & { bucket_id: string }>(
        `delete from storage.objects where bucket_id = $1 and name = any ($2)
         returning id, bucket_id, name, metadata, created_at, updated_at, last_accessed_at`,
        [bucketId, prefixes],
      )).rows,
    );
    await Promise.all(deleted.map((row) => rm(filePath(bucketId, row.id), { force: true })));
    return deleted;
  }

  async function sign(req: IncomingMessage, bucketId: string, key: string) {
    const claims = claimsOf(req);
    const body = await readJson(req);
    const expiresIn = isRecord(body) ? Number(body.expiresIn) : Number.NaN;
    if (!Number.isInteger(expiresIn) || expiresIn < 1) throw errors.badRequest("expiresIn must be a positive number of seconds");
    const object = await asCaller(claims, (client) => findObject(client, bucketId, key));
    if (!object) throw errors.objectNotFound();
    const now = Math.floor(Date.now() / 1000);
    const token = signJwt({ url: `${bucketId}/${key}`, iat: now, exp: now + expiresIn }, jwtSecret);
    return { signedURL: `/object/sign/${bucketId}/${encodeURI(key)}?token=${token}` };
  }

  async function readSigned(res: ServerResponse, bucketId: string, key: string, token: string | null) {
    if (!token) throw errors.invalidJwt("querystring must have required property 'token'");
    let claims: JwtClaims;
    try {
      claims = verifyJwt(token, jwtSecret, Math.floor(Date.now() / 1000));
    } catch (error) {
      if (error instanceof JwtError) throw errors.invalidJwt(error.reason === "expired" ? "jwt expired" : "invalid signature");
      throw error;
    }
    if (claims.url !== `${bucketId}/${key}`) throw errors.invalidJwt("url mismatch");
    const object = await findObjectAsSystem(bucketId, key);
    if (!object) throw errors.objectNotFound();
    await sendObject(res, bucketId, object);
  }

  async function bucketRoute(req: IncomingMessage, res: ServerResponse, id: string | null, action: string | null) {
    const method = req.method ?? "GET";
    if (!id) {
      if (method === "POST") return sendJson(res, 200, await createBucket(req));
      if (method === "GET") {
        const claims = claimsOf(req);
        return sendJson(res, 200, await asCaller(claims, async (client) =>
          (await client.query("select id, name, owner, public, file_size_limit::float8 as file_size_limit, allowed_mime_types, created_at, updated_at from storage.buckets order by name")).rows));
      }
      throw errors.notFound();
    }
    const bucketId = checkBucket(id);
    const claims = claimsOf(req);
    if (action === "empty" && method === "POST") {
      const deleted = await asCaller(claims, async (client) =>
        (await client.query<{ id: string }>("delete from storage.objects where bucket_id = $1 returning id", [bucketId])).rows);
      await Promise.all(deleted.map((row) => rm(filePath(bucketId, row.id), { force: true })));
      return sendJson(res, 200, { message: "Successfully emptied" });
    }
    if (action) throw errors.notFound();
    if (method === "GET") {
      const rows = await asCaller(claims, async (client) =>
        (await client.query("select id, name, owner, public, file_size_limit::float8 as file_size_limit, allowed_mime_types, created_at, updated_at from storage.buckets where id = $1", [bucketId])).rows);
      if (!rows[0]) throw errors.bucketNotFound();
      return sendJson(res, 200, rows[0]);
    }
    if (method === "PUT") {
      const body = await readJson(req);
      if (!isRecord(body)) throw errors.badRequest("body must be an object");
      const updated = await asCaller(claims, async (client) => (await client.query(
        `update storage.buckets set public = coalesce($2, public), file_size_limit = $3, allowed_mime_types = $4, updated_at = now()
         where id = $1`,
        [bucketId, typeof body.public === "boolean" ? body.public : null,
         parseSize(body.file_size_limit),
         Array.isArray(body.allowed_mime_types) ? body.allowed_mime_types : null],
      )).rowCount);
      if (!updated) throw errors.bucketNotFound();
      return sendJson(res, 200, { message: "Successfully updated" });
    }
    if (method === "DELETE") {
      await asCaller(claims, async (client) => {
        const { rows } = await client.query("select 1 from storage.objects where bucket_id = $1 limit 1", [bucketId]);
        if (rows.length > 0) throw errors.bucketNotEmpty();
        const deleted = await client.query("delete from storage.buckets where id = $1", [bucketId]);
        if (!deleted.rowCount) throw errors.bucketNotFound();
      });
      return sendJson(res, 200, { message: "Successfully deleted" });
    }
    throw errors.notFound();
  }

  async function objectRoute(req: IncomingMessage, res: ServerResponse, segments: string[], query: URLSearchParams) {
    const method = req.method ?? "GET";
    const [first, second, ...rest] = segments;
    const keyOf = (parts: string[]) => checkKey(parts.map(decodeURIComponent).join("/"));
    if (first === "list" && second && method === "POST") return sendJson(res, 200, await list(req, checkBucket(second)));
    if (first === "sign" && second && method === "POST") return sendJson(res, 200, await sign(req, checkBucket(second), keyOf(rest)));
    if (first === "sign" && second && method === "GET") return readSigned(res, checkBucket(second), keyOf(rest), query.get("token"));
    if (first === "public" && second && method === "GET") {
      const bucketId = checkBucket(second);
      const { rows } = await pool.query<{ public: boolean }>("select public from storage.buckets where id = $1", [bucketId]);
      if (!rows[0]?.public) throw errors.bucketNotFound();
      const object = await findObjectAsSystem(bucketId, keyOf(rest));
      if (!object) throw errors.objectNotFound();
      return sendObject(res, bucketId, object);
    }
    const authenticated = first === "authenticated";
    const bucketPart = authenticated ? second : first;
    const keyParts = authenticated ? rest : [second ?? "", ...rest].filter((part, index) => index > 0 || part !== "");
    if (!bucketPart) throw errors.notFound();
    const bucketId = checkBucket(bucketPart);
    if (method === "DELETE" && keyParts.length === 0) return sendJson(res, 200, await remove(req, bucketId));
    const key = keyOf(keyParts);
    if (method === "POST" && !authenticated) return sendJson(res, 200, await upload(req, bucketId, key, "create"));
    if (method === "PUT" && !authenticated) return sendJson(res, 200, await upload(req, bucketId, key, "update"));
    if (method === "GET") {
      const claims = claimsOf(req);
      const object = await asCaller(claims, (client) => findObject(client, bucketId, key));
      if (!object) throw errors.objectNotFound();
      return sendObject(res, bucketId, object);
    }
    throw errors.notFound();
  }

  const handler: RouteHandler = async (req, res, subPath) => {
    try {
      // IMPORTANT: check dot segments before URL parsing, which would silently resolve them.
      for (const segment of subPath.split("?")[0]!.split("/")) {
        let decoded: string;
        try {
          decoded = decodeURIComponent(segment);
        } catch {
          throw errors.invalidKey();
        }
        if (decoded === "." || decoded === "..") throw errors.invalidKey();
      }
      const url = new URL(subPath, "http://storage");
      // Empty segments are kept: "a//b" is an invalid key, not "a/b".
      const segments = url.pathname.split("/").slice(1);
      const [area, ...rest] = segments;
      if (area === "bucket") return await bucketRoute(req, res, rest[0] ?? null, rest[1] ?? null);
      if (area === "object") return await objectRoute(req, res, rest, url.searchParams);
      if (area === "status" || area === "health") return sendJson(res, 200, { status: "ok" });
      throw errors.notFound();
    } catch (error) {
      const failure =
        error instanceof StorageError ? error
        : error instanceof BodyError ? errors.badRequest(error.message)
        : error instanceof pg.DatabaseError && error.code === "42501" ? errors.forbidden("new row violates row-level security policy")
        : error instanceof pg.DatabaseError && error.code === "23505" ? errors.duplicate()
        : null;
      if (!failure) log.error(`storage: ${(error as Error).stack ?? String(error)}`);
      const final = failure ?? new StorageError(500, "internal", "Internal Server Error");
      if (res.headersSent) return void res.destroy();
      // A request body we refused is drained so the client sees the answer, not a reset.
      req.resume();
      sendJson(res, final.status, { statusCode: String(final.status), error: final.error, message: final.message });
    }
  };

  return { handler, stop: () => pool.end() };
}
