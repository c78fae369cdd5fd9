// The oracles themselves, on cases worked out by hand.
import { describe, expect, it } from "vitest";
import { addDays, bruteForceLedger, localDay, percentageChange, type Movement } from "../helpers/models";

const m = (day: string, kind: Movement["kind"], tons: number): Movement => ({ materialId: "sand", day, kind, milliTons: tons * 1000 });

describe("brute-force inventory ledger", () => {
  it("opens at the opening balance, moves with the day's flows and carries over quiet days", () => {
    const rows = bruteForceLedger(
      [m("2026-01-01", "opening", 100), m("2026-01-01", "produced", 10), m("2026-01-01", "dispatched", 5), m("2026-01-03", "received", 20)],
      "2026-01-03",
    );
    expect(rows.map((row) => [row.day, row.opening / 1000, row.closing / 1000])).toEqual([
      ["2026-01-01", 100, 105],
      ["2026-01-02", 105, 105],
      ["2026-01-03", 105, 125],
    ]);
  });

  it("lets a count set the day's closing, whatever moved that day", () => {
    const rows = bruteForceLedger(
      [m("2026-01-01", "produced", 50), m("2026-01-02", "produced", 10), m("2026-01-02", "count", 42), m("2026-01-03", "adjustment", -2)],
      "2026-01-03",
    );
    expect(rows.map((row) => row.closing / 1000)).toEqual([50, 42, 40]);
    expect(rows[1]!.opening / 1000).toBe(50);
  });

  it("extends to today and past today when entries are dated later", () => {
    expect(bruteForceLedger([m("2026-01-01", "produced", 1)], "2026-01-04")).toHaveLength(4);
    expect(bruteForceLedger([m("2026-01-05", "produced", 1)], "2026-01-04").map((row) => row.day)).toEqual(["2026-01-05"]);
  });
});

describe("helpers", () => {
  it("computes seed 001's percentage change", () => {
    expect(percentageChange(150, 100)).toBe(50);
    expect(percentageChange(5, 0)).toBe(100);
    expect(percentageChange(0, 0)).toBe(0);
  });

  it("reads local days across midnight", () => {
    const instant = new Date("2026-03-01T15:30:00Z");
    expect(localDay(instant, "Asia/Manila")).toBe("2026-03-01");
    expect(localDay(instant, "Pacific/Kiritimati")).toBe("2026-03-02");
    expect(localDay(instant, "Pacific/Pago_Pago")).toBe("2026-03-01");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
  });
});
