// The dispatch list's keyset cursor: where the previous page ended, as an opaque base64url token.
// Every field is checked when the token comes back (uuid, timestamp, day), because its values end
// up in a PostgREST filter: a token that is not exactly what this module wrote is refused.
import { z } from "zod";
import { ApiError } from "@/lib/errors";
import { calendarDay } from "@/lib/validations/common";

/** seed 001's order (by dispatch date) when a site or date range is asked for; seed 000's (newest created) otherwise. */
export type DispatchOrder = "date" | "created";

const cursorSchema = z.discriminatedUnion("order", [
  z.strictObject({ order: z.literal("created"), created_at: z.iso.datetime({ offset: true }), id: z.uuid() }),
  z.strictObject({ order: z.literal("date"), created_at: z.iso.datetime({ offset: true }), id: z.uuid(), dispatch_date: calendarDay }),
]);

export type DispatchCursor = z.infer<typeof cursorSchema>;

interface CursorRow {
  id: string;
  created_at: string;
  dispatch_date: string;
}

export function cursorAfter(order: DispatchOrder, row: CursorRow): DispatchCursor {
  return order === "date"
    ? { order, created_at: row.created_at, id: row.id, dispatch_date: row.dispatch_date }
    : { order, created_at: row.created_at, id: row.id };
}

export function encodeCursor(cursor: DispatchCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

const invalidCursor = () =>
  new ApiError("VALIDATION_ERROR", "The cursor is not valid for these filters; start from the first page.", {
    issues: [{ path: "cursor", message: "Invalid cursor" }],
  });

/** The cursor in `text`, if it was made for lists in `order`; anything else is a 400. */
export function decodeCursor(text: string, order: DispatchOrder): DispatchCursor {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success || parsed.data.order !== order) throw invalidCursor();
  return parsed.data;
}
