import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { listMigrations } from "@/local/database";
import { envFileText, writeEnvFileIfMissing } from "@/local/env-file";
import { parseFlags } from "@/local/run";

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "deskops-unit-"));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const env = { apiUrl: "http://127.0.0.1:54321", anonKey: "anon", serviceRoleKey: "service", dbUrl: "postgresql://x" };

describe("npm run stack flags", () => {
  it("reads --reset and --verbose and refuses anything else", () => {
    expect(parseFlags([])).toEqual({ reset: false, verbose: false });
    expect(parseFlags(["--reset", "--verbose"])).toEqual({ reset: true, verbose: true });
    expect(() => parseFlags(["--rest"])).toThrow(/Unknown option\(s\): --rest/);
  });
});

describe(".env.local", () => {
  it("is written with the stack's URL and keys when missing", async () => {
    const file = path.join(await tempDir(), ".env.local");
    expect(await writeEnvFileIfMissing(file, env)).toBe(true);
    const text = await readFile(file, "utf8");
    expect(text).toContain("NEXT_PUBLIC_SUPABASE_URL=http://127.0.0.1:54321\n");
    expect(text).toContain("NEXT_PUBLIC_SUPABASE_ANON_KEY=anon\n");
    expect(text).toContain("SUPABASE_SERVICE_ROLE_KEY=service\n");
  });

  it("is never overwritten: a developer's own settings win", async () => {
    const file = path.join(await tempDir(), ".env.local");
    await writeFile(file, "NEXT_PUBLIC_SUPABASE_URL=https://example.supabase.co\n");
    expect(await writeEnvFileIfMissing(file, env)).toBe(false);
    expect(await readFile(file, "utf8")).toBe("NEXT_PUBLIC_SUPABASE_URL=https://example.supabase.co\n");
    expect(envFileText(env).startsWith("#")).toBe(true);
  });
});

describe("migrations", () => {
  it("are the timestamped .sql files, in version order", async () => {
    const dir = await tempDir();
    for (const file of ["20250102000000_second.sql", "20250101000000_first.sql", "notes.md", "seed.sql", "123_x.txt"]) {
      await writeFile(path.join(dir, file), "select 1;");
    }
    const migrations = await listMigrations(dir);
    expect(migrations.map(({ version, name }) => ({ version, name }))).toEqual([
      { version: "20250101000000", name: "first" },
      { version: "20250102000000", name: "second" },
    ]);
  });

  it("are none when the folder does not exist", async () => {
    expect(await listMigrations(path.join(await tempDir(), "missing"))).toEqual([]);
  });
});
