// .env.local for the app, written once so `next dev` finds the local stack with no configuration.
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";

export interface StackEnv {
  apiUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  dbUrl: string;
}

export function envFileText(env: StackEnv): string {
  return [
    "# Written by `npm run stack` for the local Supabase stack. Same keys as `supabase start`.",
    `NEXT_PUBLIC_SUPABASE_URL=${env.apiUrl}`,
    `NEXT_PUBLIC_SUPABASE_ANON_KEY=${env.anonKey}`,
    `SUPABASE_SERVICE_ROLE_KEY=${env.serviceRoleKey}`,
    `SUPABASE_DB_URL=${env.dbUrl}`,
    "",
  ].join("\n");
}

/** Writes `file` unless it exists: a developer's own settings always win. */
export async function writeEnvFileIfMissing(file: string, env: StackEnv): Promise<boolean> {
  if (existsSync(file)) return false;
  await writeFile(file, envFileText(env), { mode: 0o600 });
  return true;
}
