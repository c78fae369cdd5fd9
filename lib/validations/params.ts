// What routes take besides a body: no query at all, or one row's id in the path.
import { z } from "zod";

/** For routes that take no query parameters: any parameter is an error, not ignored. */
export const noQuerySchema = z.strictObject({});

/** /api/<resource>/[id] for every table keyed by a uuid. */
export const idParamsSchema = z.strictObject({ id: z.uuid("The id must be a UUID") });
