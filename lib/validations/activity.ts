// One activity entry as private.activity_entry renders it, for the feed's first page (read through
// recent_activity) and its live messages (broadcast on the site's channel) alike. Written with
// zod/mini: the browser parses every live message with it, and full zod would add 30 KB to the
// dashboard's JavaScript for these few lines.
import * as z from "zod/mini";

const text = z.nullish(z.string());
const number = z.nullish(z.number());

export const activityEntrySchema = z.object({
  id: z.number(),
  table: z.string(),
  action: z.enum(["insert", "update", "delete"]),
  row_id: z.string(),
  site_id: z.string(),
  site_code: text,
  at: z.string(),
  actor: z.nullish(z.object({ ops_id: text, name: text })),
  summary: z._default(
    z.object({
      status: text,
      previous_status: text,
      lh_trip: text,
      plate_number: text,
      cluster: text,
      processor: text,
      qty_ton: number,
      material: text,
      equipment: text,
      role: text,
      kind: text,
      headcount: number,
      hours_run: number,
      date: text,
    }),
    {},
  ),
});

export type ActivityEntry = z.infer<typeof activityEntrySchema>;

/** The site channel's "activity" message: how many entries a statement wrote, and the newest of them. */
export const activityMessageSchema = z.object({
  site_id: z.string(),
  count: z.number(),
  latest_id: z.number(),
  entries: z.array(activityEntrySchema),
});

export type ActivityMessage = z.infer<typeof activityMessageSchema>;
