// The inventory page's arithmetic and form rules, and the log pages' filters from a URL.
import { describe, expect, it } from "vitest";
import { stockByMaterial, type LedgerDay } from "@/lib/inventory/ledger";
import { logListFilters, logListUrl } from "@/lib/logs/list-filters";
import { inventoryFormSchema } from "@/lib/validations/inventory";

const day = (date: string, materialId: string, figures: Partial<LedgerDay>): LedgerDay => ({
  date,
  materialId,
  openingTon: 0,
  producedTon: 0,
  receivedTon: 0,
  dispatchedTon: 0,
  adjustmentTon: 0,
  closingTon: 0,
  ...figures,
});

describe("stockByMaterial", () => {
  it("takes the first day's opening, the last day's closing and sums the moves, whatever the rows' order", () => {
    const [wood, sand] = stockByMaterial([
      day("2026-11-21", "wood", { openingTon: 10, producedTon: 5, closingTon: 15 }),
      day("2026-11-20", "wood", { openingTon: 4, receivedTon: 8, dispatchedTon: 2, closingTon: 10 }),
      day("2026-11-22", "wood", { openingTon: 15, adjustmentTon: -1, closingTon: 14 }),
      day("2026-11-22", "sand", { openingTon: 3, closingTon: 3 }),
    ]);
    expect(wood).toMatchObject({ materialId: "wood", openingTon: 4, producedTon: 5, receivedTon: 8, dispatchedTon: 2, adjustmentTon: -1, closingTon: 14 });
    expect(wood?.days.map((entry) => entry.date)).toEqual(["2026-11-20", "2026-11-21", "2026-11-22"]);
    expect(sand).toMatchObject({ openingTon: 3, closingTon: 3 });
  });
});

describe("inventoryFormSchema", () => {
  const form = { siteId: "9b2f1c1e-3a34-4c47-9d2b-1f1e2d3c4b5a", materialId: "0c8e7a52-5b0e-4a6c-8f3d-2e1d0c9b8a7f", date: "2026-11-22" };
  const messages = (input: object) => inventoryFormSchema.safeParse({ ...form, ...input }).error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) ?? [];

  it("takes a count, an opening balance and an adjustment with a reason", () => {
    expect(messages({ kind: "count", tonnes: 80 })).toEqual([]);
    expect(messages({ kind: "opening", tonnes: 0 })).toEqual([]);
    expect(messages({ kind: "adjustment", tonnes: -5, reason: "Spilled" })).toEqual([]);
  });

  it("refuses a negative count, an adjustment without a reason and one of 0", () => {
    expect(messages({ kind: "count", tonnes: -1 })).toEqual(["tonnes: A balance or count cannot be negative"]);
    expect(messages({ kind: "adjustment", tonnes: -5 })).toEqual(["reason: Say why the stock is adjusted"]);
    expect(messages({ kind: "adjustment", tonnes: 0, reason: "x" })).toEqual(["tonnes: An adjustment of 0 changes nothing"]);
  });
});

describe("log list filters", () => {
  it("reads the URL's filters, ignoring bad values", () => {
    expect(logListFilters({ from: "2026-11-01", to: "2026-11-31", material: "0c8e7a52-5b0e-4a6c-8f3d-2e1d0c9b8a7f", page: "2" })).toEqual({
      from: "2026-11-01",
      to: undefined,
      materialId: "0c8e7a52-5b0e-4a6c-8f3d-2e1d0c9b8a7f",
      page: 2,
    });
    expect(logListFilters({ material: "wood", page: "-3" })).toEqual({ from: undefined, to: undefined, materialId: undefined, page: 0 });
  });

  it("writes them back into a link that reads the same", () => {
    const filters = { from: "2026-11-01", to: "2026-11-02", materialId: "0c8e7a52-5b0e-4a6c-8f3d-2e1d0c9b8a7f", page: 1 };
    const url = new URL(logListUrl("/production", "QC-CDW", filters), "http://x");
    expect(url.searchParams.get("site")).toBe("QC-CDW");
    expect(logListFilters(Object.fromEntries(url.searchParams))).toEqual(filters);
  });
});
