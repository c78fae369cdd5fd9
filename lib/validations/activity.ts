// One activity entry as private.activity_entry renders it, for the feed's first page (read through
// recent_activity) and its live messages (broadcast on the site's channel) alike.
import { z } from "zod";

const text = z.string().nullish().transform((value) => value ?? undefined);
const number = z.number().nullish().transform((value) => value ?? undefined);

export const activityEntrySchema = z.object({
  id: z.number().int(),
  table: z.string(),
  action: z.enum(["insert", "update", "delete"]),
  row_id: z.string(),
  site_id: z.string(),
  site_code: z.string().nullish(),
  at: z.string(),
  actor: z.object({ ops_id: text, name: text }).nullish(),
  summary: z
    .object({
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
    })
    .partial()
    .default({}),
});

export type ActivityEntry = z.infer<typeof activityEntrySchema>;

/** The site channel's "activity" message: how many entries a statement wrote, and the newest of them. */
export const activityMessageSchema = z.object({
  site_id: z.string(),
  count: z.number().int(),
  latest_id: z.number().int(),
  entries: z.array(activityEntrySchema),
});

export type ActivityMessage = z.infer<typeof activityMessageSchema>;
