// The rest of what storage-js calls, written from Supabase Storage's documentation: uploads into a
// bucket guarded by storage.objects policies only, size limits in Storage's decimal units, bucket
// updates that leave unnamed settings alone, signed upload URLs, move, copy, info, exists,
// list-v2, bulk signed URLs and emptying a bucket.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser, type TestUser } from "../helpers/factories";
import { anonClient, serviceClient, stack } from "../helpers/supabase";

const BUCKET = "objects-only";
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  const { error } = await serviceClient().storage.createBucket(BUCKET, { public: false });
  if (error && !/exists/i.test(error.message)) throw error;
  [alice, bob] = await Promise.all([createUser("alice"), createUser("bob")]);
});

const files = (user: TestUser) => user.client.storage.from(BUCKET);
const text = async (user: TestUser, key: string) => (await files(user).download(key)).data?.text();

describe("storage: buckets guarded by storage.objects policies only", () => {
  it("takes an upload into the user's folder without any policy on storage.buckets", async () => {
    const { data, error } = await files(alice).upload(`${alice.id}/first.txt`, "hello");
    expect(error).toBeNull();
    expect(data).toMatchObject({ path: `${alice.id}/first.txt`, fullPath: `${BUCKET}/${alice.id}/first.txt` });
    expect(await text(alice, `${alice.id}/first.txt`)).toBe("hello");
    const intruder = await files(bob).upload(`${alice.id}/intruder.txt`, "nope");
    expect(intruder.error?.message).toMatch(/row-level security/);
  });
});

describe("storage: bucket settings", () => {
  it("reads sizes in Storage's decimal units and leaves settings a change does not name", async () => {
    const storage = serviceClient().storage;
    const id = `settings-${randomBytes(3).toString("hex")}`;
    await storage.createBucket(id, { public: true, fileSizeLimit: "20mb", allowedMimeTypes: ["text/csv"] });
    expect((await storage.getBucket(id)).data).toMatchObject({ file_size_limit: 20_000_000, allowed_mime_types: ["text/csv"] });
    expect((await storage.updateBucket(id, { public: false })).error).toBeNull();
    expect((await storage.getBucket(id)).data).toMatchObject({ public: false, file_size_limit: 20_000_000, allowed_mime_types: ["text/csv"] });
    expect((await storage.updateBucket(id, { public: false, fileSizeLimit: "2KB" })).error).toBeNull();
    expect((await storage.getBucket(id)).data).toMatchObject({ file_size_limit: 2000, allowed_mime_types: ["text/csv"] });
  });

  it("answers emptyBucket as Storage does", async () => {
    const storage = serviceClient().storage;
    const id = `empty-${randomBytes(3).toString("hex")}`;
    await storage.createBucket(id);
    await storage.from(id).upload("a.txt", "a");
    expect((await storage.emptyBucket(id)).data).toEqual({ message: "Empty bucket has been queued. Completion may take up to an hour." });
    expect((await storage.from(id).list()).data).toEqual([]);
  });
});

describe("storage: signed upload URLs", () => {
  it("lets anyone with the URL upload that one object once, as the user who asked for it", async () => {
    const key = `${alice.id}/signed-upload.csv`;
    const signed = await files(alice).createSignedUploadUrl(key);
    expect(signed.error).toBeNull();
    expect(signed.data?.signedUrl).toContain(`/object/upload/sign/${BUCKET}/${key}?token=`);
    const stranger = anonClient().storage.from(BUCKET);
    const uploaded = await stranger.uploadToSignedUrl(key, signed.data!.token, "a,b\n1,2\n", { contentType: "text/csv" });
    expect(uploaded.error).toBeNull();
    expect(uploaded.data).toEqual({ path: key, fullPath: `${BUCKET}/${key}` });
    expect(await text(alice, key)).toBe("a,b\n1,2\n");
    expect((await stranger.uploadToSignedUrl(key, signed.data!.token, "again")).error?.message).toBe("The resource already exists");
    expect((await stranger.uploadToSignedUrl(`${alice.id}/other.csv`, signed.data!.token, "x")).error?.message).toMatch(/url mismatch/);
  });

  it("is refused to a user whose policies would not let them upload there", async () => {
    const { error } = await files(bob).createSignedUploadUrl(`${alice.id}/bob.csv`);
    expect(error?.message).toMatch(/row-level security/);
  });
});

describe("storage: move and copy", () => {
  it("moves and copies the owner's files, and refuses what the policies refuse", async () => {
    await files(alice).upload(`${alice.id}/draft.txt`, "draft", { upsert: true });
    expect((await files(alice).move(`${alice.id}/draft.txt`, `${alice.id}/final.txt`)).data).toMatchObject({ message: "Successfully moved" });
    expect(await text(alice, `${alice.id}/final.txt`)).toBe("draft");
    expect((await files(alice).download(`${alice.id}/draft.txt`)).error).not.toBeNull();

    expect((await files(alice).copy(`${alice.id}/final.txt`, `${alice.id}/copy.txt`)).data).toEqual({ path: `${BUCKET}/${alice.id}/copy.txt` });
    expect(await text(alice, `${alice.id}/copy.txt`)).toBe("draft");
    expect(await text(alice, `${alice.id}/final.txt`)).toBe("draft");

    expect((await files(bob).move(`${alice.id}/final.txt`, `${bob.id}/stolen.txt`)).error?.message).toBe("Object not found");
    expect((await files(alice).copy(`${alice.id}/final.txt`, `${bob.id}/gift.txt`)).error?.message).toMatch(/row-level security/);
    expect((await files(alice).move(`${alice.id}/missing.txt`, `${alice.id}/x.txt`)).error?.message).toBe("Object not found");
  });
});

describe("storage: info, exists, list-v2 and bulk signed URLs", () => {
  it("describes a file, and tells whether one exists", async () => {
    const key = `${alice.id}/described.json`;
    await files(alice).upload(key, JSON.stringify({ ok: true }), { contentType: "application/json", upsert: true });
    const info = await files(alice).info(key);
    expect(info.error).toBeNull();
    expect(info.data).toMatchObject({ name: key, bucketId: BUCKET, size: 11, contentType: "application/json" });
    expect((await files(alice).exists(key)).data).toBe(true);
    expect((await files(alice).exists(`${alice.id}/nothing.json`)).data).toBe(false);
    expect((await files(bob).exists(key)).data).toBe(false);
  });

  it("lists full keys in pages with a cursor, and folders when asked", async () => {
    const base = `${alice.id}/v2`;
    for (const name of ["a.txt", "b.txt", "c.txt", "sub/d.txt", "sub/e.txt"]) await files(alice).upload(`${base}/${name}`, name, { upsert: true });
    const first = await files(alice).listV2({ prefix: `${base}/`, limit: 2 });
    expect(first.data?.objects.map((object) => object.name)).toEqual([`${base}/a.txt`, `${base}/b.txt`]);
    expect(first.data?.hasNext).toBe(true);
    const second = await files(alice).listV2({ prefix: `${base}/`, limit: 10, cursor: first.data!.nextCursor });
    expect(second.data?.objects.map((object) => object.name)).toEqual([`${base}/c.txt`, `${base}/sub/d.txt`, `${base}/sub/e.txt`]);
    expect(second.data?.hasNext).toBe(false);
    const delimited = await files(alice).listV2({ prefix: `${base}/`, with_delimiter: true });
    expect(delimited.data?.objects.map((object) => object.name)).toEqual([`${base}/a.txt`, `${base}/b.txt`, `${base}/c.txt`]);
    expect(delimited.data?.folders.map((folder) => folder.name)).toEqual([`${base}/sub/`]);
    expect((await files(bob).listV2({ prefix: `${base}/` })).data?.objects).toEqual([]);
  });

  it("signs several URLs at once, saying which paths it could not sign", async () => {
    const key = `${alice.id}/bulk.txt`;
    await files(alice).upload(key, "bulk", { upsert: true });
    const { data, error } = await files(alice).createSignedUrls([key, `${alice.id}/absent.txt`], 60);
    expect(error).toBeNull();
    expect(data?.[0]).toMatchObject({ path: key, error: null });
    expect(await (await fetch(data![0]!.signedUrl!)).text()).toBe("bulk");
    expect(data?.[1]).toMatchObject({ path: `${alice.id}/absent.txt`, signedUrl: null, error: "Either the object does not exist or you do not have access to it" });
  });
});

describe("storage: what the local server does not do", () => {
  it("says so by name instead of a bare 404", async () => {
    const response = await fetch(`${stack().apiUrl}/storage/v1/upload/resumable`, { method: "POST", headers: { authorization: `Bearer ${stack().serviceRoleKey}`, apikey: stack().serviceRoleKey } });
    expect(response.status).toBe(501);
    expect(await response.json()).toMatchObject({ code: "NotSupported", message: "Resumable (TUS) uploads are not supported by the DeskOps local Storage server" });
  });
});
