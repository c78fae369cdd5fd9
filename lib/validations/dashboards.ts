import { z } from "zod";
import { calendarDay } from "@/lib/validations/common";

export const siteMetricsQuerySchema = z.strictObject({
  siteId: z.uuid("siteId parameter required, as a UUID"),
  date: calendarDay.optional(),
});
