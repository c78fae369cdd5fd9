import { z } from "zod";
import { AUDITED_TABLES } from "@/lib/constants";

/** /api/audit/[table]/[id]: an audited table and a row id. */
export const auditedRowSchema = z.strictObject({
  table: z.enum(AUDITED_TABLES, { message: `Use one of ${AUDITED_TABLES.join(", ")}` }),
  id: z.uuid("Use a row id (a UUID)"),
});
