// The activity feed's pure parts: entries in words, and the merge that shows each entry once.
import { describe, expect, it } from "vitest";
import { describeActivity } from "@/lib/activity/describe";
import { FEED_LENGTH, lastSeenId, mergeEntries } from "@/lib/activity/feed";
import { activityEntrySchema, type ActivityEntry } from "@/lib/validations/activity";

const entry = (id: number, overrides: Partial<ActivityEntry> = {}): ActivityEntry =>
  activityEntrySchema.parse({
    id,
    table: "dispatches",
    action: "insert",
    row_id: `00000000-0000-4000-8000-${String(id).padStart(12, "0")}`,
    site_id: "5e000000-0000-4000-8000-000000000001",
    site_code: "MNL-HUB",
    at: new Date(Date.UTC(2026, 10, 22, 8, 0, id)).toISOString(),
    actor: { ops_id: "OPS-OPR01", name: "Otto Operator" },
    summary: { lh_trip: "LH-1", cluster: "Pasig A", processor: "Pasig PC", plate_number: "NBC 1234", status: "pending" },
    ...overrides,
  });

describe("describeActivity", () => {
  it("names a new dispatch by its trip, with its route and plate", () => {
    expect(describeActivity(entry(1))).toEqual({
      kind: "dispatch",
      tone: "created",
      title: "New dispatch LH-1",
      detail: "Pasig A → Pasig PC · NBC 1234",
      statusChange: null,
    });
  });

  it("says where a status moved from and to, and tells an edit from a deletion", () => {
    const moved = describeActivity(entry(2, { action: "update", summary: { lh_trip: "LH-1", status: "ongoing", previous_status: "pending" } }));
    expect(moved.title).toBe("Dispatch LH-1 moved to ongoing");
    expect(moved.statusChange).toEqual({ from: "pending", to: "ongoing" });
    expect(describeActivity(entry(3, { action: "update", summary: { plate_number: "B 7" } })).title).toBe("Dispatch B 7 edited");
    const deleted = describeActivity(entry(4, { action: "delete" }));
    expect(deleted).toMatchObject({ title: "Dispatch LH-1 deleted", tone: "deleted" });
  });

  it("words the site logs with their material, machine or role and figures", () => {
    expect(describeActivity(entry(5, { table: "production", summary: { material: "Recycled sand", qty_ton: 12.34, date: "2026-11-22" } }))).toMatchObject({
      kind: "production",
      title: "Production logged: Recycled sand",
      detail: "12.3 t · 2026-11-22",
    });
    expect(describeActivity(entry(6, { table: "equipment_logs", action: "update", summary: { equipment: "JC-01", hours_run: 14 } })).title).toBe("Equipment hours edited: JC-01");
    expect(describeActivity(entry(7, { table: "manpower_logs", summary: { role: "Sorter", headcount: 9 } })).detail).toBe("9 people");
    expect(describeActivity(entry(8, { table: "inventory_entries", action: "delete", summary: { kind: "count", material: "Fines" } })).title).toBe("Stock count deleted: Fines");
  });
});

describe("mergeEntries", () => {
  it("shows each entry once, newest first, at most a feed's length", () => {
    const server = [entry(3), entry(2), entry(1)];
    const live = [entry(4), entry(3)];
    expect(mergeEntries(server, live).map((item) => item.id)).toEqual([4, 3, 2, 1]);
    const many = Array.from({ length: 25 }, (_, index) => entry(index + 1));
    expect(mergeEntries(many).map((item) => item.id)).toEqual(Array.from({ length: FEED_LENGTH }, (_, index) => 25 - index));
  });

  it("orders by time, then by id for entries of the same instant", () => {
    const at = "2026-11-22T08:00:00.000Z";
    expect(mergeEntries([entry(7, { at }), entry(9, { at }), entry(8, { at: "2026-11-22T09:00:00.000Z" })]).map((item) => item.id)).toEqual([8, 9, 7]);
  });

  it("remembers the last entry seen, to ask the server for what came after it", () => {
    expect(lastSeenId([])).toBeUndefined();
    expect(lastSeenId([entry(5), entry(12), entry(7)])).toBe(12);
  });
});
