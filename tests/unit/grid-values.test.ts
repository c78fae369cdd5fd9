// Numbers and dates as people paste them.
import { describe, expect, it } from "vitest";
import { inferDateOrder, readDate, readNumber } from "@/lib/grid/values";

const value = <Value>(read: { ok: true; value: Value } | { ok: false; message: string }) => (read.ok ? read.value : `error: ${read.message}`);

describe("readNumber", () => {
  it.each([
    ["1,234.5", 1234.5],
    ["1 234.5", 1234.5],
    ["12", 12],
    ["0.5", 0.5],
    [".5", 0.5],
    ["-3", -3],
    ["(12)", -12],
    ["1,234,567", 1234567],
  ])("reads %s as %d", (text, expected) => {
    expect(value(readNumber(text))).toBe(expected);
  });

  it.each(["12,5", "1,23", "abc", "1.2.3", "12t"])("does not read %s as a number", (text) => {
    expect(readNumber(text).ok).toBe(false);
  });
});

describe("readDate", () => {
  it.each([
    ["2026-11-21", null, "2026-11-21"],
    ["2026-11-21T08:30:00+08:00", null, "2026-11-21"],
    ["11/21/2026", null, "2026-11-21"], // only one reading makes it a date
    ["21/11/2026", null, "2026-11-21"],
    ["21.11.2026", null, "2026-11-21"],
    ["03/04/2026", "dmy", "2026-04-03"],
    ["03/04/2026", "mdy", "2026-03-04"],
    ["04/04/2026", null, "2026-04-04"], // day and month the same: no doubt
    ["21-Nov-2026", null, "2026-11-21"],
    ["21 November 2026", null, "2026-11-21"],
    ["Nov 21, 2026", null, "2026-11-21"],
    ["21-Nov-26", null, "2026-11-21"],
    ["45658", null, "2025-01-01"], // Excel's serial for 1 January 2025
    ["46023", null, "2026-01-01"],
  ] as const)("reads %s (order %s) as %s", (text, order, expected) => {
    expect(value(readDate(text, order))).toBe(expected);
  });

  it("flags a date whose day and month could swap instead of guessing", () => {
    const read = readDate("03/04/2026", null);
    expect(read.ok).toBe(false);
    expect(read.ok ? "" : read.message).toContain("3 April 2026");
    expect(read.ok ? "" : read.message).toContain("4 March 2026");
  });

  it.each(["2026-02-30", "31/04/2026", "32-Nov-2026", "tomorrow", "21-Foo-2026"])("refuses %s", (text) => {
    expect(readDate(text, "dmy").ok).toBe(false);
  });

  it("learns a column's order from the first date only one order can read", () => {
    expect(inferDateOrder(["03/04/2026", "21/11/2026", "05/06/2026"])).toBe("dmy");
    expect(inferDateOrder(["03/04/2026", "11/21/2026"])).toBe("mdy");
    expect(inferDateOrder(["03/04/2026", "2026-11-21"])).toBeNull();
  });
});
