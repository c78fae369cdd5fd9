// The dispatch list's keyset cursor: what it writes it reads back; anything else is a 400.
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors";
import { cursorAfter, decodeCursor, encodeCursor } from "@/lib/queries/dispatch-cursor";

const row = { id: "0f8f9e3a-1c2b-4d5e-8f90-123456789abc", created_at: "2026-11-21T08:15:30.123456+00:00", dispatch_date: "2026-11-21" };
const token = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("dispatch cursor", () => {
  it("round-trips both orders, keeping Postgres's microseconds", () => {
    for (const order of ["created", "date"] as const) {
      const cursor = cursorAfter(order, row);
      expect(decodeCursor(encodeCursor(cursor), order)).toEqual(cursor);
    }
    expect(cursorAfter("created", row)).not.toHaveProperty("dispatch_date");
  });

  it("refuses a cursor made for the other order", () => {
    expect(() => decodeCursor(encodeCursor(cursorAfter("date", row)), "created")).toThrow(ApiError);
  });

  it.each([
    ["not base64 JSON", "%%%", "created"],
    ["a filter smuggled into the id", token({ order: "created", created_at: row.created_at, id: "x),status.eq.pending" }), "created"],
    ["a quote in the timestamp", token({ order: "created", created_at: '2026-11-21"', id: row.id }), "created"],
    ["a day that does not exist", token({ order: "date", created_at: row.created_at, id: row.id, dispatch_date: "2026-02-30" }), "date"],
    ["an extra field", token({ order: "created", created_at: row.created_at, id: row.id, limit: 5 }), "created"],
    ["JSON that is not an object", token([1, 2]), "created"],
  ] as const)("refuses %s with a 400 naming the cursor", (_, text, order) => {
    try {
      decodeCursor(text, order);
      throw new Error("accepted");
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).toBody()).toMatchObject({ code: "VALIDATION_ERROR", details: { issues: [{ path: "cursor" }] } });
    }
  });
});
