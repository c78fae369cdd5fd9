import { z } from "zod";

export const siteMetricsQuerySchema = z.strictObject({
  siteId: z.uuid("siteId parameter required, as a UUID"),
  date: z.iso.date().optional(),
});
