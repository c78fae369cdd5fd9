// Sessions and rotating refresh tokens, with GoTrue's reuse rules: a rotated token presented
// again within the reuse interval gets the session's current token back; later, it revokes the
// whole session (someone may have stolen it).
import { randomBytes, randomUUID } from "node:crypto";
import type pg from "pg";
import { INSTANCE_ID } from "./users";
import { authErrors } from "./errors";

type Queryable = pg.Pool | pg.PoolClient;

export interface IssuedRefreshToken {
  sessionId: string;
  userId: string;
  token: string;
}

function newRefreshToken(): string {
  // GoTrue's refresh tokens are short random strings, unique in auth.refresh_tokens.
  return randomBytes(9).toString("base64url");
}

async function insertRefreshToken(
  db: Queryable,
  sessionId: string,
  userId: string,
  parent: string | null,
  now: Date,
): Promise<string> {
  const token = newRefreshToken();
  await db.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ($1, $2, $3, false, $4, $4, $5, $6)`,
    [INSTANCE_ID, token, userId, now, parent, sessionId],
  );
  return token;
}

export async function createSession(
  db: Queryable,
  userId: string,
  now: Date,
  userAgent: string | undefined,
): Promise<IssuedRefreshToken> {
  const sessionId = randomUUID();
  await db.query(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent)
     values ($1, $2, $3, $3, 'aal1', $4)`,
    [sessionId, userId, now, userAgent ?? null],
  );
  const token = await insertRefreshToken(db, sessionId, userId, null, now);
  return { sessionId, userId, token };
}

interface TokenRow {
  token: string;
  user_id: string;
  revoked: boolean;
  updated_at: Date;
  session_id: string;
}

/** Rotates `presented`; runs in one transaction with the token row locked against races. */
export async function rotateRefreshToken(
  pool: pg.Pool,
  presented: string,
  now: Date,
  reuseIntervalSeconds: number,
): Promise<IssuedRefreshToken> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const { rows } = await client.query<TokenRow>(
      `select t.token, t.user_id, t.revoked, t.updated_at, t.session_id
         from auth.refresh_tokens t join auth.sessions s on s.id = t.session_id
        where t.token = $1 for update of t`,
      [presented],
    );
    const row = rows[0];
    if (!row) throw authErrors.refreshTokenNotFound();
    let issued: IssuedRefreshToken;
    if (row.revoked) {
      const withinReuseInterval = now.getTime() - row.updated_at.getTime() <= reuseIntervalSeconds * 1000;
      if (!withinReuseInterval) {
        await client.query("delete from auth.sessions where id = $1", [row.session_id]);
        await client.query("commit");
        throw authErrors.refreshTokenAlreadyUsed();
      }
      const active = await client.query<{ token: string }>(
        `select token from auth.refresh_tokens where session_id = $1 and not revoked order by id desc limit 1`,
        [row.session_id],
      );
      if (!active.rows[0]) throw authErrors.refreshTokenAlreadyUsed();
      issued = { sessionId: row.session_id, userId: row.user_id, token: active.rows[0].token };
    } else {
      await client.query("update auth.refresh_tokens set revoked = true, updated_at = $2 where token = $1", [
        presented,
        now,
      ]);
      const token = await insertRefreshToken(client, row.session_id, row.user_id, presented, now);
      issued = { sessionId: row.session_id, userId: row.user_id, token };
    }
    await client.query("update auth.sessions set updated_at = $2::timestamptz, refreshed_at = $2::timestamptz where id = $1", [
      row.session_id,
      now,
    ]);
    await client.query("commit");
    return issued;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export async function sessionExists(db: Queryable, sessionId: string): Promise<boolean> {
  const { rows } = await db.query("select 1 from auth.sessions where id = $1", [sessionId]);
  return rows.length > 0;
}

export type LogoutScope = "global" | "local" | "others";

export async function endSessions(db: Queryable, userId: string, sessionId: string, scope: LogoutScope) {
  const sql = {
    global: "delete from auth.sessions where user_id = $1",
    local: "delete from auth.sessions where user_id = $1 and id = $2",
    others: "delete from auth.sessions where user_id = $1 and id <> $2",
  }[scope];
  await db.query(sql, scope === "global" ? [userId] : [userId, sessionId]);
}
