// What dynamic routes take in their path.
import { z } from "zod";

/** /api/<resource>/[id] for every table keyed by a uuid. */
export const idParamsSchema = z.strictObject({ id: z.uuid("The id must be a UUID") });
