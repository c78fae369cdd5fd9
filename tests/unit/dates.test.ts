import { describe, expect, it } from "vitest";
import { isOperationalDay, latestOperationalDay } from "@/lib/dates";
import { calendarDay, dayOrDateTime } from "@/lib/validations/common";

describe("the days DeskOps accepts", () => {
  it("ends on the same calendar day a year on, in UTC, and Feb 29 becomes Feb 28", () => {
    expect(latestOperationalDay(new Date("2026-12-06T23:59:00-05:00"))).toBe("2027-12-07");
    expect(latestOperationalDay(new Date("2028-02-29T12:00:00Z"))).toBe("2029-02-28");
    expect(latestOperationalDay(new Date("2027-02-28T12:00:00Z"))).toBe("2028-02-28");
  });

  it("refuses the days that made the ledger walk millions of days, with a message a user reads", () => {
    const now = new Date("2026-12-06T12:00:00Z");
    expect(["1999-12-31", "2000-01-01", "2027-12-06", "2027-12-07"].map((day) => isOperationalDay(day, now))).toEqual([false, true, true, false]);
    for (const day of ["9999-12-31", "0001-01-01"]) {
      const parsed = calendarDay.safeParse(day);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe("Use a date from 2000-01-01 to a year from today");
    }
    expect(dayOrDateTime.safeParse("9999-12-31T10:00:00Z").success).toBe(false);
    expect(dayOrDateTime.parse("2026-03-01T10:00:00+08:00")).toBe("2026-03-01");
    expect(calendarDay.safeParse("2026-02-30").error?.issues[0]?.message).toBe("Use a date like 2026-01-31");
  });
});
