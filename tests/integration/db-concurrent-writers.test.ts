// Writers of one site and day at the same time (several operators, several logs) queue on the
// daily totals and counters they share; none of them fails with a deadlock.
import { describe, expect, it } from "vitest";
import { catalogueId, createSite, dispatchRow } from "../helpers/factories";
import { withDb } from "../helpers/db";
import { randomSource } from "../helpers/models";

const DAYS = Array.from({ length: 12 }, (_, index) => `2026-05-${String(index + 1).padStart(2, "0")}`);

describe("db: concurrent writers of one site", () => {
  it("runs 24 overlapping batches of different keys at once without a deadlock, and the totals add up", async () => {
    const site = await createSite();
    const materials = await Promise.all(["RA-0-5", "RA-5-20", "RA-20-40"].map((code) => catalogueId("materials", code)));
    const keys = DAYS.flatMap((day) => materials.map((materialId) => ({ day, materialId })));
    const random = randomSource(7);
    // Each batch touches a different half of the keys: overlapping sets, so a batch that locked
    // its rows in any order but the keys' own would meet another holding what it waits for.
    const batch = (table: "production" | "received_materials" | "dispatches") => {
      const chosen = keys.filter(() => random.chance(0.5)).sort(() => random.next() - 0.5);
      return chosen.map(({ day, materialId }) =>
        table === "dispatches"
          ? { ...dispatchRow(site.id), dispatch_date: day, material_id: materialId, qty_ton: 1 }
          : { site_id: site.id, date: day, material_id: materialId, qty_ton: 1, ...(table === "production" ? { operation: "crushing" } : {}) },
      );
    };
    const tables = ["production", "received_materials", "dispatches"] as const;
    const statements = Array.from({ length: 24 }, (_, index) => ({ table: tables[index % 3]!, rows: batch(tables[index % 3]!) }));
    const results = await Promise.allSettled(
      statements.map(({ table, rows }) =>
        withDb((client) =>
          client.query(`insert into public.${table} select * from jsonb_populate_recordset(null::public.${table}, $1::jsonb)`, [
            JSON.stringify(rows.map((row) => ({ id: crypto.randomUUID(), created_at: new Date().toISOString(), updated_at: new Date().toISOString(), status: "pending", ...row }))),
          ]),
        ),
      ),
    );
    expect(results.filter((result) => result.status === "rejected").map((result) => String((result as PromiseRejectedResult).reason))).toEqual([]);
    const totals = await withDb(async (client) =>
      (await client.query<{ produced: string; received: string; dispatched: string }>(
        "select sum(produced_ton) as produced, sum(received_ton) as received, sum(dispatched_ton) as dispatched from private.stock_moves_daily where site_id = $1",
        [site.id],
      )).rows[0],
    );
    const expected = (table: string) => statements.filter((statement) => statement.table === table).reduce((sum, statement) => sum + statement.rows.length, 0).toFixed(3);
    expect(totals).toEqual({ produced: expected("production"), received: expected("received_materials"), dispatched: expected("dispatches") });
  });
});
