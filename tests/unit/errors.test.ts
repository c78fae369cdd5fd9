// The error module: zod issues as field paths with people's row numbers, PostgREST codes as the
// API's codes, and unexpected errors kept whole as the cause of an INTERNAL_ERROR.
import type { PostgrestError } from "@supabase/supabase-js";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError, describeCause, fromPostgrest, fromZod, toApiError } from "@/lib/errors";

const postgrest = (code: string, extra: Partial<PostgrestError> = {}): PostgrestError =>
  ({ name: "PostgrestError", code, message: `message of ${code}`, details: null, hint: null, ...extra }) as PostgrestError;

describe("errors: fromZod", () => {
  it("names the field, and the row as people count it inside a bulk body", () => {
    const schema = z.strictObject({ rows: z.array(z.strictObject({ qty: z.number() })), note: z.string() });
    const result = schema.safeParse({ rows: [{ qty: 1 }, { qty: 1 }, { qty: "x" }], note: 3 });
    const error = fromZod(result.error!);
    expect(error.code).toBe("VALIDATION_ERROR");
    expect(error.status).toBe(400);
    expect(error.details).toEqual({
      issues: [
        { path: "rows.3.qty", row: 3, message: expect.stringContaining("expected number") },
        { path: "note", message: expect.stringContaining("expected string") },
      ],
    });
  });
});

describe("errors: fromPostgrest", () => {
  it.each([
    ["23505", "DUPLICATE_RECORD", 409],
    ["42501", "FORBIDDEN", 403],
    ["PGRST116", "NOT_FOUND", 404],
    ["P0002", "NOT_FOUND", 404],
    ["23514", "VALIDATION_ERROR", 400],
    ["22P02", "VALIDATION_ERROR", 400],
    ["23503", "VALIDATION_ERROR", 400],
  ])("maps %s to %s", (code, expected, status) => {
    const error = fromPostgrest(postgrest(code), "The dispatch");
    expect(error.code).toBe(expected);
    expect(error.status).toBe(status);
  });

  it("says what already exists and keeps the database's row details for a batch error", () => {
    expect(fromPostgrest(postgrest("23505"), "A site with code MNL").message).toBe("A site with code MNL already exists.");
    // A single write names the fields of the key it clashed with (not the site, not the values),
    // from the key's name: with row-level security Postgres sends no detail.
    const clash = (key: string) => postgrest("23505", { message: `duplicate key value violates unique constraint "${key}"` });
    expect(fromPostgrest(clash("manpower_logs_site_day_role_shift_key"), "The manpower log").message).toBe("The manpower log already exists with the same date, role and shift.");
    expect(fromPostgrest(clash("equipment_logs_equipment_day_key"), "The equipment log").message).toBe("The equipment log already exists with the same equipment and date.");
    expect(fromPostgrest(clash("sites_code_key"), "The site").message).toBe("The site already exists with the same code.");
    expect(fromPostgrest(clash("some_new_key"), "The site").message).toBe("The site already exists.");
    const batch = fromPostgrest(postgrest("23514", { message: "Row 3: bad", details: '{"row":3,"column":"qty_ton"}' }));
    expect(batch.toBody()).toEqual({ message: "Row 3: bad", code: "VALIDATION_ERROR", details: { row: 3, column: "qty_ton" } });
  });

  it("never shows a single write's table or constraint name, only what the user can fix", () => {
    const check = fromPostgrest(postgrest("23514", { message: 'new row for relation "production" violates check constraint "production_date_operational"' }));
    expect(check.toBody()).toEqual({
      code: "VALIDATION_ERROR",
      message: "A value is outside what is allowed: check the dates (2000-01-01 to a year from today), quantities and lengths.",
    });
    const reference = fromPostgrest(postgrest("23503", { message: 'insert or update on table "production" violates foreign key constraint "production_material_id_fkey"' }));
    expect(reference.message).not.toMatch(/production|constraint/);
    expect(fromPostgrest(postgrest("23505", { message: "Row 2: Another row of this batch has the same equipment, date" })).message).toBe(
      "Row 2: Another row of this batch has the same equipment, date",
    );
  });

  it("answers 503 with Retry-After when PostgREST is down or cannot reach Postgres, and 429 with Retry-After", () => {
    // supabase-js reports a refused connection as an error with an empty code; the gateway's own
    // answer has none; PostgREST says PGRST000-003 when Postgres is away.
    // A statement cut off by a Postgres restart (57P01), a server starting up (57P03), a lost connection (08006).
    for (const code of ["", "PGRST000", "PGRST001", "PGRST002", "PGRST003", "57P01", "57P03", "08006"]) {
      const error = fromPostgrest(postgrest(code, { message: "TypeError: fetch failed" }));
      expect([error.status, error.code, error.headers]).toEqual([503, "SERVICE_UNAVAILABLE", { "retry-after": "2" }]);
      expect(error.message).not.toContain("fetch");
    }
    expect(new ApiError("RATE_LIMITED", "Slow down", undefined, { retryAfterSeconds: 4.2 }).headers).toEqual({ "retry-after": "5" });
    expect(new ApiError("VALIDATION_ERROR", "Bad").headers).toEqual({});
  });

  it("turns an unknown code into INTERNAL_ERROR that keeps the label and the whole error, and shows none of it", () => {
    const error = fromPostgrest(postgrest("57014", { message: "canceling statement due to statement timeout", hint: "h" }), "The site");
    expect(error.toBody()).toEqual({ message: "Something went wrong on our side.", code: "INTERNAL_ERROR" });
    expect(error.cause).toEqual({ label: "The site", code: "57014", message: "canceling statement due to statement timeout", details: null, hint: "h" });
  });
});

describe("errors: toApiError and describeCause", () => {
  it("keeps API errors, translates zod and PostgREST errors, and wraps anything else", () => {
    const known = new ApiError("GONE", "The file expired.");
    expect(toApiError(known)).toBe(known);
    expect(toApiError(z.string().safeParse(1).error).code).toBe("VALIDATION_ERROR");
    expect(toApiError(postgrest("42501")).code).toBe("FORBIDDEN");
    const bug = new TypeError("x is undefined");
    const wrapped = toApiError(bug);
    expect(wrapped.code).toBe("INTERNAL_ERROR");
    expect(wrapped.cause).toBe(bug);
  });

  it("describes a cause on one line: a database failure whole, an Error with its stack and its own cause", () => {
    expect(JSON.parse(describeCause({ label: "The site", code: "DK001" }))).toEqual({ label: "The site", code: "DK001" });
    const line = describeCause(new Error("outer", { cause: new Error("inner") }));
    expect(line).not.toContain("\n");
    const parsed = JSON.parse(line) as { message: string; stack: string; cause: string };
    expect(parsed.message).toBe("outer");
    expect(parsed.stack).toContain("errors.test.ts");
    expect(JSON.parse(parsed.cause)).toMatchObject({ message: "inner" });
  });
});
