// Realtime Authorization for private channels, done the way Supabase's Realtime does it: RLS
// policies on realtime.messages decide. Reading: probe rows for the topic are inserted (as the
// server), then selected back as the user, with realtime.topic() set; writing: a row is inserted
// as the user. Everything is rolled back; only the answers are kept.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { JwtClaims } from "../jwt";

export type Extension = "broadcast" | "presence";

export interface ReadPolicies {
  broadcast: boolean;
  presence: boolean;
}

/** A policy that fails (a bad cast, a missing role) is a refusal, as on Supabase. */
export class PolicyError extends Error {}

async function asUser(client: pg.PoolClient, topic: string, claims: JwtClaims): Promise<void> {
  await client.query(
    `select set_config('role', $1, true), set_config('realtime.topic', $2, true), set_config('request.jwt.claims', $3, true),
            set_config('request.jwt.claim.sub', $4, true), set_config('request.jwt.claim.role', $1, true)`,
    [String(claims.role ?? ""), topic, JSON.stringify(claims), String(claims.sub ?? "")],
  );
}

async function inRolledBackTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    try {
      return await work(client);
    } finally {
      await client.query("rollback");
    }
  } catch (error) {
    throw new PolicyError((error as Error).message);
  } finally {
    client.release();
  }
}

/** May this user receive broadcasts and presence on the topic (its sub-topic, as realtime.topic() returns it)? */
export function readPolicies(pool: pg.Pool, topic: string, claims: JwtClaims): Promise<ReadPolicies> {
  return inRolledBackTransaction(pool, async (client) => {
    const probes = { broadcast: randomUUID(), presence: randomUUID() };
    await client.query("insert into realtime.messages (id, topic, extension) values ($1, $3, 'broadcast'), ($2, $3, 'presence')", [
      probes.broadcast, probes.presence, topic,
    ]);
    await asUser(client, topic, claims);
    const { rows } = await client.query<{ id: string }>("select id from realtime.messages where id = any($1::uuid[])", [
      [probes.broadcast, probes.presence],
    ]);
    const seen = new Set(rows.map((row) => row.id));
    return { broadcast: seen.has(probes.broadcast), presence: seen.has(probes.presence) };
  });
}

/** May this user send broadcasts (or track presence) on the topic? */
export function canWrite(pool: pg.Pool, topic: string, claims: JwtClaims, extension: Extension): Promise<boolean> {
  return inRolledBackTransaction(pool, async (client) => {
    await asUser(client, topic, claims);
    try {
      await client.query("insert into realtime.messages (topic, extension) values ($1, $2)", [topic, extension]);
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === "42501") return false;
      throw error;
    }
  });
}
