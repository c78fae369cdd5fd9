import { z } from "zod";
import { SITE_CODE_MAX_LENGTH, SITE_CODE_MIN_LENGTH, SITE_ROLES } from "@/lib/constants";

/** An IANA time zone the runtime knows (the database checks the same list). */
const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, "Unknown time zone");

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
  timezone: timeZone.default("UTC"),
});

export type CreateSiteInput = z.infer<typeof createSiteSchema>;

export const siteIdSchema = z.strictObject({ siteId: z.uuid("siteId must be a UUID") });

/** An admin's change to a site: some of its details, or whether it is active; never its code. */
export const updateSiteSchema = z
  .strictObject({
    siteId: z.uuid(),
    name: createSiteSchema.shape.name.optional(),
    location: z.string().trim().max(200).optional(),
    region: z.string().trim().max(100).optional(),
    timezone: timeZone.optional(),
    isActive: z.boolean().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 1, { message: "Change something", path: ["name"] });

export const siteMemberSchema = z.strictObject({
  siteId: z.uuid(),
  userId: z.uuid({ message: "Choose a person" }),
  role: z.enum(SITE_ROLES),
});

export const removeSiteMemberSchema = siteMemberSchema.omit({ role: true });
