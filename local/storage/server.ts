// A Supabase Storage-compatible server: what storage-js calls. Object metadata lives in
// storage.objects and every object query runs as the caller's role with their JWT claims, so RLS
// on storage.objects decides as on Supabase; bucket metadata is read as the system, as Supabase's
// Storage does (a bucket with only storage.objects policies still takes uploads). Bytes live on
// disk, streamed in and out.
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { copyFile, mkdir, rename, rm, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import pg from "pg";
import { BodyError, readJson, sendJson, isRecord, type RouteHandler } from "../http";
import { JwtError, bearerToken, signJwt, verifyJwt, type JwtClaims } from "../jwt";
import type { Logger } from "../log";
import { StorageError, storageErrors as errors } from "./errors";

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

const BUCKET_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const API_ROLES = new Set(["anon", "authenticated", "service_role"]);
/** Signed upload URLs last two hours, as on Supabase. */
const SIGNED_UPLOAD_SECONDS = 2 * 60 * 60;
const MAX_OBJECTS_PER_REQUEST = 1000;

// Storage's units are decimal: "20MB" is 20,000,000 bytes.
const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9 };

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
  bucket_id: string;
  name: string;
  owner: string | null;
  metadata: Record<string, unknown> | null;
  user_metadata: Record<string, unknown> | null;
  version: string | null;
  created_at: Date;
  updated_at: Date;
  last_accessed_at: Date;
}

interface BucketRow {
  id: string;
  public: boolean;
  file_size_limit: string | null;
  allowed_mime_types: string[] | null;
}

const OBJECT_COLUMNS = "id, bucket_id, name, owner, metadata, user_metadata, version, created_at, updated_at, last_accessed_at";
const BUCKET_COLUMNS = "id, name, owner, public, file_size_limit::float8 as file_size_limit, allowed_mime_types, created_at, updated_at";

const stringOf = (value: unknown, field: string): string => {
  if (typeof value !== "string" || value === "") throw errors.badRequest(`body must have required property '${field}'`);
  return value;
};

export function createStorageServer(options: StorageOptions): StorageServer {
  const { jwtSecret, log } = options;
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 5 });
  pool.on("error", (error) => log.error(`storage database connection: ${error.message}`));
  const filePath = (bucket: string, objectId: string) => path.join(options.rootDir, bucket, objectId);

  function verifyToken(token: string, onError: (message: string) => StorageError): JwtClaims {
    try {
      return verifyJwt(token, jwtSecret, Math.floor(Date.now() / 1000));
    } catch (error) {
      if (error instanceof JwtError) throw onError(error.reason === "expired" ? "jwt expired" : "invalid signature");
      throw error;
    }
  }

  function claimsOf(req: IncomingMessage): JwtClaims {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw errors.unauthorized();
    const claims = verifyToken(token, errors.invalidJwt);
    if (typeof claims.role !== "string" || !API_ROLES.has(claims.role)) throw errors.invalidJwt("invalid role");
    return claims;
  }

  /** Runs `work` in a transaction as the caller: their role and claims, so RLS applies. */
  async function asCaller<T>(claims: JwtClaims, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query("begin");
      await client.query(`set local role ${client.escapeIdentifier(String(claims.role))}`);
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

  /** The system's view of a bucket: Storage reads buckets as a superuser; RLS guards objects. */
  async function bucketAsSystem(id: string): Promise<BucketRow | null> {
    const { rows } = await pool.query<BucketRow>("select id, public, file_size_limit, allowed_mime_types from storage.buckets where id = $1", [id]);
    return rows[0] ?? null;
  }

  async function findObject(client: pg.PoolClient | pg.Pool, bucketId: string, key: string): Promise<ObjectRow | null> {
    const { rows } = await client.query<ObjectRow>(`select ${OBJECT_COLUMNS} from storage.objects where bucket_id = $1 and name = $2`, [bucketId, key]);
    return rows[0] ?? null;
  }

  // Buckets -----------------------------------------------------------------------------------

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

  /** Changes only what the request names: storage-js leaves out what the caller did not set. */
  async function updateBucket(req: IncomingMessage, claims: JwtClaims, bucketId: string) {
    const body = await readJson(req);
    if (!isRecord(body)) throw errors.badRequest("body must be an object");
    const changes: string[] = [];
    const values: unknown[] = [bucketId];
    const set = (column: string, value: unknown) => {
      values.push(value);
      changes.push(`${column} = $${values.length}`);
    };
    if (typeof body.public === "boolean") set("public", body.public);
    if ("file_size_limit" in body) set("file_size_limit", parseSize(body.file_size_limit));
    if ("allowed_mime_types" in body) set("allowed_mime_types", Array.isArray(body.allowed_mime_types) ? body.allowed_mime_types : null);
    const updated = await asCaller(claims, async (client) =>
      (await client.query(`update storage.buckets set ${[...changes, "updated_at = now()"].join(", ")} where id = $1`, values)).rowCount);
    if (!updated) throw errors.bucketNotFound();
    return { message: "Successfully updated" };
  }

  async function deleteFiles(bucketId: string, rows: Array<{ id: string }>) {
    await Promise.all(rows.map((row) => rm(filePath(bucketId, row.id), { force: true })));
  }

  async function bucketRoute(req: IncomingMessage, res: ServerResponse, id: string | null, action: string | null) {
    const method = req.method ?? "GET";
    if (!id) {
      if (method === "POST") return sendJson(res, 200, await createBucket(req));
      if (method === "GET") {
        const claims = claimsOf(req);
        return sendJson(res, 200, await asCaller(claims, async (client) => (await client.query(`select ${BUCKET_COLUMNS} from storage.buckets order by name`)).rows));
      }
      throw errors.notFound();
    }
    const bucketId = checkBucket(id);
    const claims = claimsOf(req);
    if (action === "empty" && method === "POST") {
      const deleted = await asCaller(claims, async (client) =>
        (await client.query<{ id: string }>("delete from storage.objects where bucket_id = $1 returning id", [bucketId])).rows);
      await deleteFiles(bucketId, deleted);
      // Supabase empties a bucket in the background and says so; here it is done already.
      return sendJson(res, 200, { message: "Empty bucket has been queued. Completion may take up to an hour." });
    }
    if (action) throw errors.notFound();
    if (method === "GET") {
      const rows = await asCaller(claims, async (client) => (await client.query(`select ${BUCKET_COLUMNS} from storage.buckets where id = $1`, [bucketId])).rows);
      if (!rows[0]) throw errors.bucketNotFound();
      return sendJson(res, 200, rows[0]);
    }
    if (method === "PUT") return sendJson(res, 200, await updateBucket(req, claims, bucketId));
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

  // Uploads -----------------------------------------------------------------------------------

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

  /** The request's bytes into `target` (raw or multipart), within the bucket's limits. */
  async function receiveFile(req: IncomingMessage, bucket: BucketRow, target: string) {
    const limit = Math.min(options.fileSizeLimit, bucket.file_size_limit ? Number(bucket.file_size_limit) : Infinity);
    let contentType = String(req.headers["content-type"] ?? "application/octet-stream");
    let size: number;
    if (contentType.startsWith("multipart/form-data")) {
      ({ size, contentType } = await receiveMultipart(req, target, limit));
    } else {
      const counter = byteLimit(limit);
      await pipeline(req, counter, createWriteStream(target));
      size = counter.bytes();
    }
    if (bucket.allowed_mime_types && !bucket.allowed_mime_types.includes(contentType.split(";")[0]!.trim())) throw errors.invalidMimeType(contentType);
    return { size, contentType };
  }

  interface Placement {
    bucketId: string;
    key: string;
    owner: string | null;
    upsert: boolean;
    /** "update": the object must exist already (PUT /object/...). */
    mode: "create" | "update";
  }

  /** Writes the object's row (the caller's RLS decides, or the system for signed uploads); returns the replaced object's id. */
  async function placeRow(client: pg.PoolClient | pg.Pool, placement: Placement, objectId: string, metadata: Record<string, unknown>) {
    const { bucketId, key, owner, upsert, mode } = placement;
    const existing = await findObject(client, bucketId, key);
    if (existing && !upsert) throw errors.duplicate();
    if (!existing && mode === "update") throw errors.objectNotFound();
    if (existing) {
      const updated = await client.query(
        "update storage.objects set id = $3, metadata = $4, owner = $5, owner_id = $6, updated_at = now() where bucket_id = $1 and name = $2 returning id",
        [bucketId, key, objectId, metadata, owner, owner],
      );
      if (updated.rowCount === 0) throw errors.forbidden("new row violates row-level security policy");
    } else {
      await client.query("insert into storage.objects (id, bucket_id, name, owner, owner_id, metadata) values ($1, $2, $3, $4, $5, $6)", [
        objectId, bucketId, key, owner, owner, metadata,
      ]);
    }
    return existing?.id ?? null;
  }

  async function store(req: IncomingMessage, placement: Placement, writeRow: (objectId: string, metadata: Record<string, unknown>) => Promise<string | null>) {
    const bucket = await bucketAsSystem(placement.bucketId);
    if (!bucket) throw errors.bucketNotFound();
    const objectId = randomUUID();
    await mkdir(path.join(options.rootDir, placement.bucketId), { recursive: true });
    const temporary = `${filePath(placement.bucketId, objectId)}.upload`;
    try {
      const { size, contentType } = await receiveFile(req, bucket, temporary);
      const cacheControl = String(req.headers["cache-control"] ?? "max-age=3600");
      const metadata = { size, mimetype: contentType, cacheControl, eTag: `"${objectId}"`, lastModified: new Date().toISOString(), contentLength: size };
      const previous = await writeRow(objectId, metadata);
      await rename(temporary, filePath(placement.bucketId, objectId));
      if (previous) await rm(filePath(placement.bucketId, previous), { force: true });
      return { Id: objectId, Key: `${placement.bucketId}/${placement.key}` };
    } finally {
      await rm(temporary, { force: true });
    }
  }

  function upload(req: IncomingMessage, bucketId: string, key: string, mode: "create" | "update") {
    const claims = claimsOf(req);
    const placement = { bucketId, key, owner: typeof claims.sub === "string" ? claims.sub : null, upsert: mode === "update" || req.headers["x-upsert"] === "true", mode };
    return store(req, placement, (objectId, metadata) => asCaller(claims, (client) => placeRow(client, placement, objectId, metadata)));
  }

  /** A URL anyone may upload one object to for two hours; asking for it needs the insert policy. */
  async function signUpload(req: IncomingMessage, bucketId: string, key: string) {
    const claims = claimsOf(req);
    const upsert = req.headers["x-upsert"] === "true";
    if (!(await bucketAsSystem(bucketId))) throw errors.bucketNotFound();
    // The same check Storage makes: the row could be written, in a transaction that is undone.
    await asCaller(claims, async (client) => {
      await client.query("savepoint probe");
      await placeRow(client, { bucketId, key, owner: typeof claims.sub === "string" ? claims.sub : null, upsert, mode: "create" }, randomUUID(), {});
      await client.query("rollback to savepoint probe");
    });
    const now = Math.floor(Date.now() / 1000);
    const token = signJwt({ url: `${bucketId}/${key}`, owner: claims.sub ?? null, upsert, scope: "upload", iat: now, exp: now + SIGNED_UPLOAD_SECONDS }, jwtSecret);
    return { url: `/object/upload/sign/${bucketId}/${encodeURI(key)}?token=${token}`, token };
  }

  function uploadSigned(req: IncomingMessage, bucketId: string, key: string, token: string | null) {
    if (!token) throw errors.invalidJwt("querystring must have required property 'token'");
    const claims = verifyToken(token, errors.invalidJwt);
    if (claims.scope !== "upload" || claims.url !== `${bucketId}/${key}`) throw errors.invalidJwt("url mismatch");
    const placement = { bucketId, key, owner: typeof claims.owner === "string" ? claims.owner : null, upsert: claims.upsert === true, mode: "create" as const };
    return store(req, placement, (objectId, metadata) => placeRow(pool, placement, objectId, metadata));
  }

  // Downloads and information --------------------------------------------------------------------

  function objectHeaders(object: ObjectRow, size: number) {
    return {
      "content-type": String(object.metadata?.mimetype ?? "application/octet-stream"),
      "content-length": String(size),
      "cache-control": String(object.metadata?.cacheControl ?? "no-cache"),
      etag: `"${object.id}"`,
      "last-modified": object.updated_at.toUTCString(),
    };
  }

  async function sendObject(req: IncomingMessage, res: ServerResponse, bucketId: string, object: ObjectRow) {
    const file = filePath(bucketId, object.id);
    const info = await stat(file).catch(() => null);
    if (!info) throw errors.objectNotFound();
    res.writeHead(200, objectHeaders(object, info.size));
    if (req.method === "HEAD") return void res.end();
    await pipeline(createReadStream(file), res);
  }

  /** GET /object/info/...: what Storage's info renderer answers. */
  function infoOf(object: ObjectRow) {
    return {
      id: object.id,
      name: object.name,
      version: object.version,
      bucket_id: object.bucket_id,
      size: typeof object.metadata?.size === "number" ? object.metadata.size : null,
      content_type: object.metadata?.mimetype ?? null,
      cache_control: object.metadata?.cacheControl ?? null,
      etag: object.metadata?.eTag ?? null,
      metadata: object.user_metadata,
      last_modified: object.updated_at,
      created_at: object.created_at,
    };
  }

  /** An object as the caller may see it: through RLS, or as the system in a public bucket. */
  async function readable(req: IncomingMessage, bucketId: string, key: string, publicRoute: boolean): Promise<ObjectRow> {
    const bucket = await bucketAsSystem(bucketId);
    if (!bucket || (publicRoute && !bucket.public)) throw errors.bucketNotFound();
    const object = bucket.public || publicRoute
      ? await findObject(pool, bucketId, key)
      : await asCaller(claimsOf(req), (client) => findObject(client, bucketId, key));
    if (!object) throw errors.objectNotFound();
    return object;
  }

  // Listing -------------------------------------------------------------------------------------

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
        `select ${OBJECT_COLUMNS} from storage.objects where bucket_id = $1 and name like $2 escape '\\' order by name`,
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

  /** list-v2: full keys in name order, folders when asked for, and a cursor for the next page. */
  async function listV2(req: IncomingMessage, bucketId: string) {
    const claims = claimsOf(req);
    const body = await readJson(req);
    if (!isRecord(body)) throw errors.badRequest("body must be an object");
    const prefix = typeof body.prefix === "string" ? body.prefix : "";
    const limit = Math.min(1000, Math.max(1, Number(body.limit ?? 1000)));
    const after = typeof body.cursor === "string" && body.cursor ? Buffer.from(body.cursor, "base64url").toString("utf8") : "";
    const delimited = body.with_delimiter === true;
    const rows = await asCaller(claims, async (client) =>
      (await client.query<ObjectRow>(
        `select ${OBJECT_COLUMNS} from storage.objects where bucket_id = $1 and name like $2 escape '\\' and name > $3 order by name collate "C"`,
        [bucketId, `${prefix.replace(/[\\%_]/g, "\\$&")}%`, after],
      )).rows,
    );
    const folders: Array<Record<string, unknown>> = [];
    const objects: Array<Record<string, unknown>> = [];
    let last = "";
    for (const row of rows) {
      if (folders.length + objects.length === limit) break;
      const slash = row.name.indexOf("/", prefix.length);
      if (delimited && slash >= 0) {
        const folder = row.name.slice(0, slash + 1);
        last = row.name;
        if (folders.at(-1)?.name !== folder) folders.push({ id: null, name: folder, key: folder, bucket_id: bucketId });
        continue;
      }
      objects.push({ ...row, key: row.name });
      last = row.name;
    }
    const hasNext = rows.some((row) => row.name > last && !(delimited && last.endsWith("/")));
    return { hasNext, nextCursor: hasNext ? Buffer.from(last).toString("base64url") : undefined, folders, objects };
  }

  // Changing objects ---------------------------------------------------------------------------

  async function remove(req: IncomingMessage, bucketId: string) {
    const claims = claimsOf(req);
    const body = await readJson(req);
    const prefixes = isRecord(body) && Array.isArray(body.prefixes) ? body.prefixes.map(String) : null;
    if (!prefixes) throw errors.badRequest("prefixes must be a list of object paths");
    const deleted = await asCaller(claims, async (client) =>
      (await client.query<ObjectRow>(`delete from storage.objects where bucket_id = $1 and name = any ($2) returning ${OBJECT_COLUMNS}`, [bucketId, prefixes])).rows,
    );
    await deleteFiles(bucketId, deleted);
    return deleted;
  }

  interface Transfer {
    bucketId: string;
    sourceKey: string;
    destinationBucket: string;
    destinationKey: string;
  }

  async function transferOf(req: IncomingMessage): Promise<Transfer> {
    const body = await readJson(req);
    if (!isRecord(body)) throw errors.badRequest("body must be an object");
    const bucketId = checkBucket(stringOf(body.bucketId, "bucketId"));
    return {
      bucketId,
      sourceKey: checkKey(stringOf(body.sourceKey, "sourceKey")),
      destinationBucket: typeof body.destinationBucket === "string" && body.destinationBucket ? checkBucket(body.destinationBucket) : bucketId,
      destinationKey: checkKey(stringOf(body.destinationKey, "destinationKey")),
    };
  }

  /** Renames an object (and moves its bytes when the bucket changes): the caller's update policy decides. */
  async function move(req: IncomingMessage) {
    const claims = claimsOf(req);
    const transfer = await transferOf(req);
    if (!(await bucketAsSystem(transfer.destinationBucket))) throw errors.bucketNotFound();
    const moved = await asCaller(claims, async (client) => {
      if (!(await findObject(client, transfer.bucketId, transfer.sourceKey))) throw errors.objectNotFound();
      const { rows } = await client.query<{ id: string }>(
        "update storage.objects set bucket_id = $3, name = $4, updated_at = now() where bucket_id = $1 and name = $2 returning id",
        [transfer.bucketId, transfer.sourceKey, transfer.destinationBucket, transfer.destinationKey],
      );
      if (!rows[0]) throw errors.forbidden("new row violates row-level security policy");
      return rows[0];
    });
    if (transfer.destinationBucket !== transfer.bucketId) {
      await mkdir(path.join(options.rootDir, transfer.destinationBucket), { recursive: true });
      await rename(filePath(transfer.bucketId, moved.id), filePath(transfer.destinationBucket, moved.id));
    }
    return { message: "Successfully moved", Id: moved.id, Key: transfer.destinationKey };
  }

  /** A new object with the source's bytes: the caller must read the source and may insert the copy. */
  async function copy(req: IncomingMessage) {
    const claims = claimsOf(req);
    const transfer = await transferOf(req);
    if (!(await bucketAsSystem(transfer.destinationBucket))) throw errors.bucketNotFound();
    const objectId = randomUUID();
    const owner = typeof claims.sub === "string" ? claims.sub : null;
    const upsert = req.headers["x-upsert"] === "true";
    await mkdir(path.join(options.rootDir, transfer.destinationBucket), { recursive: true });
    const target = filePath(transfer.destinationBucket, objectId);
    let previous: string | null = null;
    const copied = await asCaller(claims, async (client) => {
      const source = await findObject(client, transfer.bucketId, transfer.sourceKey);
      if (!source) throw errors.objectNotFound();
      await copyFile(filePath(transfer.bucketId, source.id), target);
      const metadata = { ...source.metadata, eTag: `"${objectId}"`, lastModified: new Date().toISOString() };
      previous = await placeRow(client, { bucketId: transfer.destinationBucket, key: transfer.destinationKey, owner, upsert, mode: "create" }, objectId, metadata);
      return (await findObject(client, transfer.destinationBucket, transfer.destinationKey))!;
    }).catch(async (error: unknown) => {
      await rm(target, { force: true });
      throw error;
    });
    if (previous) await rm(filePath(transfer.destinationBucket, previous), { force: true });
    return { Id: copied.id, Key: `${transfer.destinationBucket}/${transfer.destinationKey}`, ...copied };
  }

  // Signed download URLs -----------------------------------------------------------------------------

  function signedUrlFor(bucketId: string, key: string, expiresIn: number): string {
    const now = Math.floor(Date.now() / 1000);
    const token = signJwt({ url: `${bucketId}/${key}`, iat: now, exp: now + expiresIn }, jwtSecret);
    return `/object/sign/${bucketId}/${encodeURI(key)}?token=${token}`;
  }

  function expiresInOf(body: unknown): number {
    const expiresIn = isRecord(body) ? Number(body.expiresIn) : Number.NaN;
    if (!Number.isInteger(expiresIn) || expiresIn < 1) throw errors.badRequest("expiresIn must be a positive number of seconds");
    return expiresIn;
  }

  async function sign(req: IncomingMessage, bucketId: string, key: string) {
    const claims = claimsOf(req);
    const expiresIn = expiresInOf(await readJson(req));
    const object = await asCaller(claims, (client) => findObject(client, bucketId, key));
    if (!object) throw errors.objectNotFound();
    return { signedURL: signedUrlFor(bucketId, key, expiresIn) };
  }

  async function signMany(req: IncomingMessage, bucketId: string) {
    const claims = claimsOf(req);
    const body = await readJson(req);
    const expiresIn = expiresInOf(body);
    const paths = isRecord(body) && Array.isArray(body.paths) ? body.paths.map(String) : null;
    if (!paths || paths.length === 0 || paths.length > MAX_OBJECTS_PER_REQUEST) throw errors.badRequest(`paths must list 1 to ${MAX_OBJECTS_PER_REQUEST} object paths`);
    const visible = await asCaller(claims, async (client) =>
      new Set((await client.query<{ name: string }>("select name from storage.objects where bucket_id = $1 and name = any ($2)", [bucketId, paths])).rows.map((row) => row.name)),
    );
    return paths.map((key) =>
      visible.has(key)
        ? { error: null, path: key, signedURL: signedUrlFor(bucketId, key, expiresIn) }
        : { error: "Either the object does not exist or you do not have access to it", path: key, signedURL: null },
    );
  }

  async function readSigned(req: IncomingMessage, res: ServerResponse, bucketId: string, key: string, token: string | null) {
    if (!token) throw errors.invalidJwt("querystring must have required property 'token'");
    const claims = verifyToken(token, errors.invalidJwt);
    if (claims.url !== `${bucketId}/${key}` || claims.scope === "upload") throw errors.invalidJwt("url mismatch");
    const object = await findObject(pool, bucketId, key);
    if (!object) throw errors.objectNotFound();
    await sendObject(req, res, bucketId, object);
  }

  // Routing -------------------------------------------------------------------------------------

  async function objectRoute(req: IncomingMessage, res: ServerResponse, segments: string[], query: URLSearchParams) {
    const method = req.method ?? "GET";
    const read = method === "GET" || method === "HEAD";
    const keyOf = (parts: string[]) => checkKey(parts.map(decodeURIComponent).join("/"));
    /** "<bucket>/<key...>" after `skip` leading segments. */
    const target = (skip: number) => {
      const [bucket, ...key] = segments.slice(skip);
      return { bucketId: checkBucket(bucket ?? ""), key };
    };
    const [first, second] = segments;
    if (method === "POST" && segments.length === 1 && first === "move") return sendJson(res, 200, await move(req));
    if (method === "POST" && segments.length === 1 && first === "copy") return sendJson(res, 200, await copy(req));
    if (method === "POST" && first === "list" && second) return sendJson(res, 200, await list(req, checkBucket(second)));
    if (method === "POST" && first === "list-v2" && second) return sendJson(res, 200, await listV2(req, checkBucket(second)));
    if (first === "upload" && second === "sign") {
      const { bucketId, key } = target(2);
      if (method === "POST") return sendJson(res, 200, await signUpload(req, bucketId, keyOf(key)));
      if (method === "PUT") return sendJson(res, 200, await uploadSigned(req, bucketId, keyOf(key), query.get("token")));
      throw errors.notFound();
    }
    if (first === "sign") {
      const { bucketId, key } = target(1);
      if (method === "POST" && key.length === 0) return sendJson(res, 200, await signMany(req, bucketId));
      if (method === "POST") return sendJson(res, 200, await sign(req, bucketId, keyOf(key)));
      if (read) return readSigned(req, res, bucketId, keyOf(key), query.get("token"));
      throw errors.notFound();
    }
    if (first === "info" && method === "GET") {
      const scoped = second === "public" || second === "authenticated";
      const { bucketId, key } = target(scoped ? 2 : 1);
      return sendJson(res, 200, infoOf(await readable(req, bucketId, keyOf(key), second === "public")));
    }
    if (first === "public" && read) {
      const { bucketId, key } = target(1);
      return sendObject(req, res, bucketId, await readable(req, bucketId, keyOf(key), true));
    }
    const authenticated = first === "authenticated";
    const { bucketId, key } = target(authenticated ? 1 : 0);
    if (method === "DELETE" && key.length === 0) return sendJson(res, 200, await remove(req, bucketId));
    if (method === "POST" && !authenticated) return sendJson(res, 200, await upload(req, bucketId, keyOf(key), "create"));
    if (method === "PUT" && !authenticated) return sendJson(res, 200, await upload(req, bucketId, keyOf(key), "update"));
    if (read) return sendObject(req, res, bucketId, await readable(req, bucketId, keyOf(key), false));
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
      const unsupported: Record<string, string> = {
        upload: "Resumable (TUS) uploads are",
        render: "Image transformations are",
        s3: "The S3 protocol is",
        vector: "Vector buckets are",
        iceberg: "Analytics buckets are",
      };
      if (area && unsupported[area]) throw new StorageError(501, "NotSupported", `${unsupported[area]} not supported by the DeskOps local Storage server`, "NotSupported");
      throw errors.notFound();
    } catch (error) {
      const failure =
        error instanceof StorageError ? error
        : error instanceof BodyError ? errors.badRequest(error.message)
        : error instanceof pg.DatabaseError && error.code === "42501" ? errors.forbidden("new row violates row-level security policy")
        : error instanceof pg.DatabaseError && error.code === "23505" ? errors.duplicate()
        : null;
      if (!failure) log.error(`storage: ${(error as Error).stack ?? String(error)}`);
      const final = failure ?? new StorageError(500, "internal", "Internal Server Error", "InternalError");
      if (res.headersSent) return void res.destroy();
      // A request body we refused is drained so the client sees the answer, not a reset.
      req.resume();
      if (req.method === "HEAD") {
        res.writeHead(final.status);
        return void res.end();
      }
      sendJson(res, final.status, final.toBody());
    }
  };

  return { handler, stop: () => pool.end() };
}
