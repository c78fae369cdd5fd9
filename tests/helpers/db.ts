// Direct SQL as the database owner, for what no API user may do: linting the catalogue,
// arranging rows with chosen timestamps.
import pg from "pg";
import { stack } from "./supabase";

export async function withDb<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: stack().dbUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function sql<Row extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<Row[]> {
  return withDb(async (client) => (await client.query<Row>(text, values)).rows);
}
