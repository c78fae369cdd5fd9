// Bulk submits' batch ids from an Idempotency-Key: stable for one user, apart for two.
import { describe, expect, it } from "vitest";
import { batchIdFor } from "@/lib/idempotency";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/;
const alice = "a0000000-0000-4000-8000-000000000001";
const bob = "a0000000-0000-4000-8000-000000000002";

describe("idempotency: batchIdFor", () => {
  it("makes every key a UUID, the same one every time for the same user", () => {
    const first = batchIdFor(alice, "monday-sheet-v2", undefined);
    expect(first).toMatch(UUID);
    expect(batchIdFor(alice, "monday-sheet-v2", undefined)).toBe(first);
    expect(batchIdFor(alice, "monday-sheet-v3", undefined)).not.toBe(first);
  });

  it("keeps two users' equal keys apart", () => {
    expect(batchIdFor(alice, "sheet-1", undefined)).not.toBe(batchIdFor(bob, "sheet-1", undefined));
  });

  it("scopes UUID-shaped keys and the body's batch_id per user too, and refuses a key longer than 200 characters", () => {
    const uuidKey = "b0000000-0000-4000-8000-000000000009";
    expect(batchIdFor(alice, uuidKey, undefined)).toMatch(UUID);
    expect(batchIdFor(alice, uuidKey, undefined)).not.toBe(uuidKey);
    expect(batchIdFor(alice, uuidKey, undefined)).not.toBe(batchIdFor(bob, uuidKey, undefined));
    expect(batchIdFor(alice, null, uuidKey)).toBe(batchIdFor(alice, uuidKey, undefined));
    expect(batchIdFor(alice, "", undefined)).toBeUndefined();
    expect(() => batchIdFor(alice, "k".repeat(201), undefined)).toThrow(/longer than 200/);
  });
});
