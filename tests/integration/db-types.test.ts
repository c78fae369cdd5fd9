// lib/database.types.ts is generated from the migrations; this fails when a migration changes the
// schema and nobody ran `npm run db:types`.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateDatabaseTypes } from "@/local/typegen";
import { stack } from "../helpers/supabase";

const projectDir = path.resolve(import.meta.dirname, "../..");

describe("db: generated types", () => {
  it("match the migrations (run `npm run db:types` after changing the schema)", async () => {
    const committed = await readFile(path.join(projectDir, "lib", "database.types.ts"), "utf8");
    const fresh = await generateDatabaseTypes(stack().dbUrl, projectDir);
    expect(fresh).toBe(committed);
    expect(committed).toContain("create_dispatch_batch");
    expect(committed).toContain("inventory_ledger");
  }, 60_000);
});
