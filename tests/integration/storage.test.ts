// Storage through supabase-js: buckets, upload / download / list / remove, upsert, signed URLs,
// public buckets, RLS on storage.objects, and bad input.
import { createHash, randomBytes } from "node:crypto";
import { request } from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { signJwt } from "@/local/jwt";
import { createUser, type TestUser } from "../helpers/factories";
import { serviceClient, stack } from "../helpers/supabase";

const PRIVATE = "conformance-private";
const PUBLIC = "conformance-public";
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  const storage = serviceClient().storage;
  for (const [id, isPublic] of [[PRIVATE, false], [PUBLIC, true]] as const) {
    const { error } = await storage.createBucket(id, { public: isPublic });
    if (error && !/exists/i.test(error.message)) throw error;
  }
  [alice, bob] = await Promise.all([createUser("alice"), createUser("bob")]);
});

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("storage: buckets", () => {
  it("creates, reads, lists, updates, empties and deletes a bucket with the service role", async () => {
    const storage = serviceClient().storage;
    const id = `conformance-tmp-${randomBytes(3).toString("hex")}`;
    expect((await storage.createBucket(id, { public: false, fileSizeLimit: 1024 })).data).toEqual({ name: id });
    expect((await storage.getBucket(id)).data).toMatchObject({ id, name: id, public: false, file_size_limit: 1024 });
    expect((await storage.listBuckets()).data?.map((bucket) => bucket.id)).toContain(id);
    expect((await storage.updateBucket(id, { public: true })).error).toBeNull();
    expect((await storage.getBucket(id)).data?.public).toBe(true);
    await storage.from(id).upload("a.txt", "x");
    expect((await storage.deleteBucket(id)).error?.message).toMatch(/not empty/);
    expect((await storage.emptyBucket(id)).error).toBeNull();
    expect((await storage.deleteBucket(id)).error).toBeNull();
    expect((await storage.getBucket(id)).error?.message).toBe("Bucket not found");
  });

  it("refuses a bad bucket name and a user without a policy", async () => {
    expect((await serviceClient().storage.createBucket("Bad Bucket!")).error?.message).toBe("Bucket name invalid");
    const { error } = await alice.client.storage.createBucket(`conformance-${randomBytes(3).toString("hex")}`);
    expect(error?.message).toMatch(/row-level security/);
  });
});

describe("storage: objects under RLS", () => {
  it("round-trips a text file and a binary file for their owner", async () => {
    const files = alice.client.storage.from(PRIVATE);
    const text = "Dispatch report — ünïcode, commas, \"quotes\"\n";
    expect((await files.upload(`${alice.id}/notes/report.txt`, text, { contentType: "text/plain" })).error).toBeNull();
    const binary = randomBytes(3 * 1024 * 1024 + 7);
    const uploaded = await files.upload(`${alice.id}/data.bin`, binary, { contentType: "application/octet-stream" });
    expect(uploaded.data).toMatchObject({ path: `${alice.id}/data.bin`, fullPath: `${PRIVATE}/${alice.id}/data.bin` });

    const textBack = await files.download(`${alice.id}/notes/report.txt`);
    expect(await textBack.data?.text()).toBe(text);
    const binaryBack = await files.download(`${alice.id}/data.bin`);
    expect(sha(new Uint8Array(await binaryBack.data!.arrayBuffer()))).toBe(sha(binary));

    const listed = await files.list(alice.id);
    expect(listed.data?.map((entry) => [entry.name, entry.id === null])).toEqual([
      ["data.bin", false],
      ["notes", true],
    ]);
  });

  it("keeps one user's private object from another", async () => {
    await alice.client.storage.from(PRIVATE).upload(`${alice.id}/secret.txt`, "alice only");
    const stolen = await bob.client.storage.from(PRIVATE).download(`${alice.id}/secret.txt`);
    expect(stolen.data).toBeNull();
    expect((stolen.error as { status?: number } | null)?.status).toBe(404);
    expect((await bob.client.storage.from(PRIVATE).list(alice.id)).data).toEqual([]);
    const overwrite = await bob.client.storage.from(PRIVATE).upload(`${alice.id}/secret.txt`, "bob was here", { upsert: true });
    expect(overwrite.error).not.toBeNull();
    const removed = await bob.client.storage.from(PRIVATE).remove([`${alice.id}/secret.txt`]);
    expect(removed.data).toEqual([]);
    expect(await (await alice.client.storage.from(PRIVATE).download(`${alice.id}/secret.txt`)).data?.text()).toBe("alice only");
  });

  it("refuses to overwrite without upsert, replaces with it, and removes", async () => {
    const files = alice.client.storage.from(PRIVATE);
    const key = `${alice.id}/versioned.txt`;
    await files.upload(key, "one");
    expect((await files.upload(key, "two")).error?.message).toBe("The resource already exists");
    expect((await files.upload(key, "three", { upsert: true })).error).toBeNull();
    expect(await (await files.download(key)).data?.text()).toBe("three");
    expect((await files.update(key, "four")).error).toBeNull();
    expect(await (await files.download(key)).data?.text()).toBe("four");
    expect((await files.remove([key])).data?.map((row) => row.name)).toEqual([key]);
    expect((await files.download(key)).error).not.toBeNull();
  });

  it("accepts a multipart upload from a Blob", async () => {
    const files = alice.client.storage.from(PRIVATE);
    const blob = new Blob(["from a blob"], { type: "text/csv" });
    expect((await files.upload(`${alice.id}/blob.csv`, blob)).error).toBeNull();
    const back = await files.download(`${alice.id}/blob.csv`);
    expect(back.data?.type).toBe("text/csv");
    expect(await back.data?.text()).toBe("from a blob");
  });
});

describe("storage: URLs", () => {
  it("serves a signed URL until it expires", async () => {
    const files = alice.client.storage.from(PRIVATE);
    await files.upload(`${alice.id}/signed.txt`, "signed content", { upsert: true });
    const { data } = await files.createSignedUrl(`${alice.id}/signed.txt`, 60);
    const fetched = await fetch(data!.signedUrl);
    expect(fetched.status).toBe(200);
    expect(await fetched.text()).toBe("signed content");

    const expired = signJwt({ url: `${PRIVATE}/${alice.id}/signed.txt`, iat: 1, exp: Math.floor(Date.now() / 1000) - 1 }, stack().jwtSecret);
    const late = await fetch(`${stack().apiUrl}/storage/v1/object/sign/${PRIVATE}/${alice.id}/signed.txt?token=${expired}`);
    expect(late.status).toBe(400);
    expect(await late.json()).toMatchObject({ error: "InvalidJWT", message: "jwt expired" });
    const otherFile = await fetch(data!.signedUrl.replace("signed.txt", "data.bin"));
    expect(otherFile.status).toBe(400);

    expect((await bob.client.storage.from(PRIVATE).createSignedUrl(`${alice.id}/signed.txt`, 60)).error).not.toBeNull();
  });

  it("serves a public bucket's objects without a token, and a private bucket's never", async () => {
    await serviceClient().storage.from(PUBLIC).upload("logo.txt", "public content", { upsert: true });
    const publicUrl = serviceClient().storage.from(PUBLIC).getPublicUrl("logo.txt").data.publicUrl;
    const fetched = await fetch(publicUrl);
    expect(await fetched.text()).toBe("public content");
    const privateUrl = serviceClient().storage.from(PRIVATE).getPublicUrl(`${alice.id}/signed.txt`).data.publicUrl;
    expect((await fetch(privateUrl)).status).toBe(404);
  });
});

describe("storage: bad input", () => {
  it("refuses path traversal, oversize files and missing tokens with 4xx", async () => {
    const base = `${stack().apiUrl}/storage/v1`;
    const auth = { authorization: `Bearer ${stack().serviceRoleKey}`, apikey: stack().serviceRoleKey };
    // fetch would resolve the dots itself; send them raw, as an attacker would.
    for (const raw of [`/object/${PRIVATE}/a/../../etc/passwd`, `/object/${PRIVATE}/a/%2E%2E/b`]) {
      const status = await new Promise<number>((resolve, reject) => {
        const target = new URL(`${base}${raw}`);
        const sent = request({ host: target.hostname, port: target.port, path: `/storage/v1${raw}`, method: "POST", headers: auth }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        sent.on("error", reject);
        sent.end("x");
      });
      expect(status).toBe(400);
    }
    const dotdot = await alice.client.storage.from(PRIVATE).upload("../escape.txt", "x");
    expect((dotdot.error as { status?: number } | null)?.status).toBe(400);

    const small = `conformance-small-${randomBytes(3).toString("hex")}`;
    await serviceClient().storage.createBucket(small, { public: false, fileSizeLimit: "1KB" });
    const big = await serviceClient().storage.from(small).upload("big.bin", randomBytes(4096));
    expect((big.error as { status?: number } | null)?.status).toBe(413);
    expect((await serviceClient().storage.from(small).list()).data).toEqual([]);

    const anonymous = await fetch(`${base}/object/${PRIVATE}/x.txt`, { method: "POST", body: "x" });
    expect(anonymous.status).toBe(400);
  });
});
