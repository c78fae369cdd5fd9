// What the database owns in a row (id, site, creation time and author, batch and row number) is
// not the user's to change, straight at PostgREST either: the whole update is refused (42501),
// while the user's own fields still change.
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "../helpers/db";
import { catalogueId, createSite, dispatchRow, memberOf, type SiteRow, type TestUser } from "../helpers/factories";

let site: SiteRow;
let operator: TestUser;
let manager: TestUser;

beforeAll(async () => {
  site = await createSite();
  [operator, manager] = await Promise.all([memberOf(site.id, "operator"), memberOf(site.id, "manager")]);
});

const SYSTEM_CHANGES: Array<[string, unknown]> = [
  ["created_at", "2020-01-01T00:00:00Z"],
  ["created_by", "a0000000-0000-4000-8000-000000000001"],
  ["batch_id", "b0000000-0000-4000-8000-000000000001"],
  ["row_no", 99],
  ["site_id", "c0000000-0000-4000-8000-000000000001"],
  ["id", "d0000000-0000-4000-8000-000000000001"],
];

describe("db: system columns", () => {
  it.each(SYSTEM_CHANGES)("refuses an operator's change of %s on their own pending dispatch", async (column, value) => {
    const { data, error } = await operator.client.rpc("create_dispatch_batch", { rows: [dispatchRow(site.id, { lh_trip: `SYS-${column}` })] });
    expect(error).toBeNull();
    const [row] = data as Array<{ id: string; created_at: string; row_no: number }>;
    const attempt = await operator.client.from("dispatches").update({ [column]: value }).eq("id", row!.id).select("id");
    expect(attempt.error?.code).toBe("42501");
    const [after] = await sql<{ created_at: Date; row_no: number }>("select created_at, row_no from public.dispatches where id = $1", [row!.id]);
    expect(after?.created_at.toISOString()).toBe(new Date(row!.created_at).toISOString());
    expect(after?.row_no).toBe(row!.row_no);
  });

  it("still lets users change their own fields, and managers a production row's", async () => {
    const { data } = await operator.client.rpc("create_dispatch_batch", { rows: [dispatchRow(site.id, { lh_trip: "SYS-OK" })] });
    const [row] = data as Array<{ id: string }>;
    const changed = await operator.client.from("dispatches").update({ remarks: "gate 2", status: "ongoing" }).eq("id", row!.id).select("remarks, status");
    expect(changed.error).toBeNull();
    expect(changed.data).toEqual([{ remarks: "gate 2", status: "ongoing" }]);

    const materialId = await catalogueId("materials", "RA-20-40");
    const { data: produced } = await manager.client.from("production").insert({ site_id: site.id, date: "2026-03-03", material_id: materialId, operation: "screening", qty_ton: 5 }).select("id");
    const [production] = produced as Array<{ id: string }>;
    expect((await manager.client.from("production").update({ qty_ton: 6 }).eq("id", production!.id).select("qty_ton")).data).toEqual([{ qty_ton: 6 }]);
    expect((await manager.client.from("production").update({ created_by: operator.id }).eq("id", production!.id)).error?.code).toBe("42501");
  });
});
