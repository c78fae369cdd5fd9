import { z } from "zod";

export const LOOKUP_KINDS = ["clusters", "processors", "materials", "equipment", "manpower-roles", "sites"] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];

export const lookupKindSchema = z.strictObject({ kind: z.enum(LOOKUP_KINDS) });

export const lookupQuerySchema = z.strictObject({
  region: z.string().trim().min(1).max(100).optional(),
  q: z.string().trim().max(100).optional(),
  siteId: z.uuid().optional(),
});

export type LookupQuery = z.infer<typeof lookupQuerySchema>;
