// The schemas' edge cases, the same for the API, the server actions and the bulk-entry grid.
import { describe, expect, it } from "vitest";
import { calendarDay, dayOrDateTime } from "@/lib/validations/common";
import { createDispatchBodySchema, dispatchFiltersSchema, dispatchRowSchema } from "@/lib/validations/dispatch";
import { createProductionSchema, logQuerySchema, updateProductionSchema } from "@/lib/validations/logs";

const site = "5e000000-0000-4000-8000-000000000001";
const material = "6e000000-0000-4000-8000-000000000001";
const production = { siteId: site, date: "2026-03-03", materialId: material, operation: "crushing", qtyTon: 12 };
const dispatch = { site_id: site, cluster: "Pasig A", processor: "Pasig PC", station: "Pasig", region: "NCR", dock_number: "D-1" };

describe("validations: days", () => {
  it.each(["2026-02-30", "2026-13-01", "2025-02-29", "21/11/2026", "2026-1-5", ""])("refuses %j", (value) => {
    expect(calendarDay.safeParse(value).success).toBe(false);
  });

  it("takes real days, leap days included, and the calendar date of a date-time", () => {
    expect(calendarDay.parse("2024-02-29")).toBe("2024-02-29");
    expect(dayOrDateTime.parse("2026-05-02T00:00:00.000Z")).toBe("2026-05-02");
    expect(dayOrDateTime.parse("2026-05-02T23:30:00+08:00")).toBe("2026-05-02");
  });
});

describe("validations: numbers and text", () => {
  it("refuses tonnes sent as text, with or without thousands separators (the grid reads those before sending)", () => {
    for (const qtyTon of ["1,234.5", "12", "1 234"]) {
      expect(createProductionSchema.safeParse({ ...production, qtyTon }).success).toBe(false);
    }
    expect(createProductionSchema.safeParse({ ...production, qtyTon: 0 }).success).toBe(false);
    expect(createProductionSchema.parse({ ...production, qtyTon: 1234.5 }).qty_ton).toBe(1234.5);
  });

  it("trims text, and refuses text that is only whitespace where text is required", () => {
    expect(dispatchRowSchema.parse({ ...dispatch, cluster: "  Pasig A \t" }).cluster).toBe("Pasig A");
    expect(dispatchRowSchema.safeParse({ ...dispatch, cluster: "   " }).success).toBe(false);
    expect(dispatchRowSchema.parse({ ...dispatch, remarks: "   " }).remarks).toBe("");
  });

  it("reads query numbers from text, within their bounds", () => {
    expect(logQuerySchema.parse({ siteId: site, limit: "20" })).toMatchObject({ limit: 20, offset: 0 });
    expect(logQuerySchema.safeParse({ siteId: site, limit: "1001" }).success).toBe(false);
    expect(dispatchFiltersSchema.safeParse({ limit: "ten" }).success).toBe(false);
  });
});

describe("validations: the logs' bodies", () => {
  it("turn seed 001's camelCase into the table's columns", () => {
    expect(createProductionSchema.parse({ ...production, shift: "night", notes: " ok " })).toEqual({
      site_id: site, date: "2026-03-03", material_id: material, operation: "crushing", qty_ton: 12, shift: "night", notes: "ok",
    });
  });

  it("take a change of any field but the site, and refuse an empty change", () => {
    expect(updateProductionSchema.parse({ notes: "re-weighed" })).toEqual({ notes: "re-weighed" });
    expect(updateProductionSchema.safeParse({ siteId: site }).success).toBe(false);
    const empty = updateProductionSchema.safeParse({});
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.message).toBe("Send at least one field to change.");
  });
});

describe("validations: POST /api/dispatch's two bodies", () => {
  it("reads seed 000's bulk rows with their batch id, and seed 001's single dispatch", () => {
    expect(createDispatchBodySchema.parse({ rows: [dispatch], batch_id: "b0000000-0000-4000-8000-000000000001" })).toMatchObject({
      rows: [dispatch], batchId: "b0000000-0000-4000-8000-000000000001",
    });
    const single = createDispatchBodySchema.parse({ siteId: site, date: "2026-05-02", materialId: material, qtyTon: 18.25 });
    expect(single.rows).toEqual([expect.objectContaining({ site_id: site, dispatch_date: "2026-05-02", material_id: material, qty_ton: 18.25 })]);
  });

  it("names the field of the form that was sent", () => {
    const bulk = createDispatchBodySchema.safeParse({ rows: [dispatch, { ...dispatch, qty_ton: -1 }] });
    expect(bulk.error?.issues.map((issue) => issue.path)).toEqual([["rows", 1, "qty_ton"]]);
    const single = createDispatchBodySchema.safeParse({ siteId: site, date: "2026-05-02", materialId: material });
    expect(single.error?.issues.map((issue) => issue.path)).toEqual([["qtyTon"]]);
  });
});
