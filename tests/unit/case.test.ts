// Keys between snake_case columns and seed 001's camelCase, deep for embedded rows.
import { describe, expect, it } from "vitest";
import { camelKeys, snakeKeys } from "@/lib/case";

describe("case", () => {
  it("camel-cases a row and the rows embedded in it, leaving values alone", () => {
    const row = { site_id: "s", qty_ton: 1.5, created_at: "t", material: { uom_code: "t", category: "product" }, lines: [{ row_no: 1 }], notes: null };
    expect(camelKeys(row)).toEqual({ siteId: "s", qtyTon: 1.5, createdAt: "t", material: { uomCode: "t", category: "product" }, lines: [{ rowNo: 1 }], notes: null });
  });

  it("snake-cases a flat input and drops fields left undefined", () => {
    expect(snakeKeys({ siteId: "s", qtyTon: 2, vehicleRef: undefined, notes: null })).toEqual({ site_id: "s", qty_ton: 2, notes: null });
  });
});
