// Brings a database to the state Supabase would have: the platform bootstrap, then
// supabase/migrations in file order (recorded as the CLI records them), then supabase/seed.sql
// on a fresh database.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { Logger } from "./log";

const BOOTSTRAP_SQL = path.join(import.meta.dirname, "sql", "bootstrap.sql");
const MIGRATION_FILE = /^(\d+)_(.+)\.sql$/;

export interface Migration {
  version: string;
  name: string;
  file: string;
}

export async function listMigrations(migrationsDir: string): Promise<Migration[]> {
  const files = await readdir(migrationsDir).catch(() => []);
  return files
    .map((file) => ({ file, match: MIGRATION_FILE.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => ({ version: match[1]!, name: match[2]!, file: path.join(migrationsDir, file) }))
    .sort((a, b) => a.version.localeCompare(b.version));
}

async function isFreshDatabase(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ exists: boolean }>(
    "select to_regclass('supabase_migrations.schema_migrations') is not null as exists",
  );
  return !rows[0]?.exists;
}

async function inTransaction(client: pg.Client, work: () => Promise<void>): Promise<void> {
  await client.query("begin");
  try {
    await work();
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw error;
  }
}

async function applyMigration(client: pg.Client, migration: Migration): Promise<void> {
  const sql = await readFile(migration.file, "utf8");
  await inTransaction(client, async () => {
    try {
      await client.query(sql);
    } catch (error) {
      throw new Error(`Migration ${path.basename(migration.file)} failed: ${(error as Error).message}`);
    }
    await client.query(
      "insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)",
      [migration.version, migration.name, [sql]],
    );
  });
}

export interface PrepareOptions {
  migrationsDir: string;
  /** Run on a fresh database only; none for a scratch database. */
  seedFile?: string;
  /** Extra SQL files run after the seed on a fresh database (test fixtures). */
  fixtureFiles?: string[];
  log: Logger;
}

export interface PrepareResult {
  fresh: boolean;
  applied: string[];
}

export async function prepareDatabase(url: string, options: PrepareOptions): Promise<PrepareResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const fresh = await isFreshDatabase(client);
    await client.query(await readFile(BOOTSTRAP_SQL, "utf8"));
    const { rows } = await client.query<{ version: string }>(
      "select version from supabase_migrations.schema_migrations",
    );
    const done = new Set(rows.map((row) => row.version));
    const applied: string[] = [];
    for (const migration of await listMigrations(options.migrationsDir)) {
      if (done.has(migration.version)) continue;
      await applyMigration(client, migration);
      applied.push(path.basename(migration.file));
    }
    if (fresh) {
      const files = [options.seedFile, ...(options.fixtureFiles ?? [])].filter((file): file is string => Boolean(file));
      for (const file of files) {
        const sql = await readFile(file, "utf8").catch(() => null);
        if (sql === null) continue;
        await inTransaction(client, async () => {
          await client.query(sql);
        });
        options.log.info(`Applied ${path.relative(process.cwd(), file)}`);
      }
    }
    await client.query("notify pgrst, 'reload schema'");
    return { fresh, applied };
  } finally {
    await client.end();
  }
}
