import { z } from "zod";
import { SITE_CODE_MAX_LENGTH, SITE_CODE_MIN_LENGTH } from "@/lib/constants";

// Seed 001's CreateSiteSchema, with the database's own rules for code and timezone.
export const createSiteSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .min(SITE_CODE_MIN_LENGTH)
    .max(SITE_CODE_MAX_LENGTH)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "Use letters, digits, - and _ only"),
  name: z.string().trim().min(1).max(100),
  location: z.string().trim().max(200).optional(),
  region: z.string().trim().max(100).optional(),
  timezone: z
    .string()
    .default("UTC")
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, "Unknown time zone"),
});

export type CreateSiteInput = z.infer<typeof createSiteSchema>;

export const siteIdSchema = z.strictObject({ siteId: z.uuid("siteId must be a UUID") });
