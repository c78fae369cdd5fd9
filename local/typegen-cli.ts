// `npm run db:types`: regenerates lib/database.types.ts on the local stack's Postgres (started
// by `npm run stack` or `npm run dev`), or on DATABASE_URL's server.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { DB_PASSWORD, DB_SUPERUSER, DEFAULT_DB_PORT } from "./config";
import { loadLocalEnv } from "./run";
import { generateDatabaseTypes } from "./typegen";

const projectDir = path.resolve(import.meta.dirname, "..");
loadLocalEnv();
const port = process.env.SUPABASE_LOCAL_DB_PORT ?? String(DEFAULT_DB_PORT);
const serverUrl = process.env.DATABASE_URL || `postgresql://${DB_SUPERUSER}:${DB_PASSWORD}@127.0.0.1:${port}/postgres`;
try {
  const types = await generateDatabaseTypes(serverUrl, projectDir);
  await writeFile(path.join(projectDir, "lib", "database.types.ts"), types);
  console.log("Wrote lib/database.types.ts");
} catch (error) {
  console.error(`Could not generate types (is the local stack running?): ${(error as Error).message}`);
  process.exit(1);
}
