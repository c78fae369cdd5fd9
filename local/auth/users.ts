// auth.users and auth.identities: the rows GoTrue keeps, and the JSON it returns for them.
import { randomUUID } from "node:crypto";
import type pg from "pg";

export const INSTANCE_ID = "00000000-0000-0000-0000-000000000000";
const BCRYPT_COST = 10;

export interface UserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  phone: string | null;
  email_confirmed_at: Date | null;
  phone_confirmed_at: Date | null;
  confirmed_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  created_at: Date | null;
  updated_at: Date | null;
  banned_until: Date | null;
  deleted_at: Date | null;
  is_anonymous: boolean;
  has_password: boolean;
}

interface IdentityRow {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: Record<string, unknown>;
  provider: string;
  last_sign_in_at: Date | null;
  created_at: Date | null;
  updated_at: Date | null;
  email: string | null;
}

const USER_COLUMNS = `id, aud, role, email, phone, email_confirmed_at, phone_confirmed_at, confirmed_at,
  last_sign_in_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at, banned_until,
  deleted_at, is_anonymous, coalesce(encrypted_password, '') <> '' as has_password`;

type Queryable = pg.Pool | pg.PoolClient;

export async function findUserById(db: Queryable, id: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    `select ${USER_COLUMNS} from auth.users where id = $1 and deleted_at is null`,
    [id],
  );
  return rows[0] ?? null;
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    `select ${USER_COLUMNS} from auth.users
      where lower(email) = lower($1) and is_sso_user = false and deleted_at is null`,
    [email],
  );
  return rows[0] ?? null;
}

/** Compares with bcrypt in the database (pgcrypto), so users seeded with crypt() sign in. */
export async function passwordMatches(db: Queryable, userId: string, password: string): Promise<boolean> {
  const { rows } = await db.query<{ ok: boolean }>(
    `select coalesce(encrypted_password, '') <> ''
        and encrypted_password = extensions.crypt($2, encrypted_password) as ok
       from auth.users where id = $1`,
    [userId, password],
  );
  return rows[0]?.ok ?? false;
}

export interface NewUser {
  id?: string;
  email: string | null;
  phone: string | null;
  password: string | null;
  emailConfirmed: boolean;
  appMetadata: Record<string, unknown>;
  userMetadata: Record<string, unknown>;
  role: string;
  now: Date;
  /** An anonymous user (signInAnonymously): no email, no password, is_anonymous in the JWT. */
  anonymous?: boolean;
}

export async function insertUser(db: Queryable, user: NewUser): Promise<string> {
  const id = user.id ?? randomUUID();
  await db.query(
    `insert into auth.users (instance_id, id, aud, role, email, phone, encrypted_password,
        email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
        confirmation_token, recovery_token, email_change_token_new, email_change, is_super_admin, is_anonymous)
     values ($1, $2, 'authenticated', $3, $4, $5,
        case when $6::text is null then '' else extensions.crypt($6, extensions.gen_salt('bf', ${BCRYPT_COST})) end,
        case when $7::boolean then $8::timestamptz end, $9::jsonb, $10::jsonb, $8::timestamptz, $8::timestamptz,
        '', '', '', '', false, $11)`,
    [
      INSTANCE_ID,
      id,
      user.role,
      user.email,
      user.phone,
      user.password,
      user.emailConfirmed,
      user.now,
      user.appMetadata,
      user.userMetadata,
      user.anonymous ?? false,
    ],
  );
  if (user.email) {
    await db.query(
      `insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
       values ($1::text, $2::uuid, $3::jsonb, 'email', $4::timestamptz, $4::timestamptz, $4::timestamptz)`,
      [id, id, { sub: id, email: user.email, email_verified: user.emailConfirmed, phone_verified: false }, user.now],
    );
  }
  return id;
}

export interface UserChanges {
  email?: string;
  phone?: string;
  password?: string;
  emailConfirmed?: boolean;
  userMetadata?: Record<string, unknown>;
  appMetadata?: Record<string, unknown>;
  role?: string;
  bannedUntil?: Date | null;
  now: Date;
}

/** Applies only the changes given; metadata objects are merged into what is stored, as GoTrue does. */
export async function updateUser(db: Queryable, id: string, changes: UserChanges): Promise<void> {
  const sets: string[] = ["updated_at = $2"];
  const values: unknown[] = [id, changes.now];
  const set = (sql: (placeholder: string) => string, value: unknown) => {
    values.push(value);
    sets.push(sql(`$${values.length}`));
  };
  if (changes.email !== undefined) set((p) => `email = ${p}`, changes.email);
  if (changes.phone !== undefined) set((p) => `phone = ${p}`, changes.phone);
  if (changes.password !== undefined) {
    set((p) => `encrypted_password = extensions.crypt(${p}, extensions.gen_salt('bf', ${BCRYPT_COST}))`, changes.password);
  }
  if (changes.emailConfirmed) sets.push("email_confirmed_at = coalesce(email_confirmed_at, $2)");
  if (changes.userMetadata) {
    set((p) => `raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || ${p}::jsonb`, changes.userMetadata);
  }
  if (changes.appMetadata) {
    set((p) => `raw_app_meta_data = coalesce(raw_app_meta_data, '{}'::jsonb) || ${p}::jsonb`, changes.appMetadata);
  }
  if (changes.role !== undefined) set((p) => `role = ${p}`, changes.role);
  if (changes.bannedUntil !== undefined) set((p) => `banned_until = ${p}`, changes.bannedUntil);
  await db.query(`update auth.users set ${sets.join(", ")} where id = $1`, values);
  if (changes.email !== undefined) {
    await db.query(
      `update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text), updated_at = $3
        where user_id = $1 and provider = 'email'`,
      [id, changes.email, changes.now],
    );
  }
}

export async function recordSignIn(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query("update auth.users set last_sign_in_at = $2, updated_at = $2 where id = $1", [id, now]);
  await db.query("update auth.identities set last_sign_in_at = $2 where user_id = $1", [id, now]);
}

export async function countUsers(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ count: string }>("select count(*) from auth.users where deleted_at is null");
  return Number(rows[0]?.count ?? 0);
}

export async function listUsers(db: Queryable, page: number, perPage: number): Promise<UserRow[]> {
  const { rows } = await db.query<UserRow>(
    `select ${USER_COLUMNS} from auth.users where deleted_at is null
      order by created_at desc nulls last, id limit $1 offset $2`,
    [perPage, (page - 1) * perPage],
  );
  return rows;
}

export async function deleteUser(db: Queryable, id: string, soft: boolean, now: Date): Promise<void> {
  if (!soft) {
    await db.query("delete from auth.users where id = $1", [id]);
    return;
  }
  // A soft delete keeps the row but frees the email and phone, as GoTrue's does.
  await db.query("delete from auth.sessions where user_id = $1", [id]);
  await db.query("delete from auth.identities where user_id = $1", [id]);
  await db.query(
    `update auth.users set deleted_at = $2, email = null, phone = null, encrypted_password = '',
       raw_user_meta_data = '{}'::jsonb, updated_at = $2 where id = $1`,
    [id, now],
  );
}

async function identitiesOf(db: Queryable, userIds: string[]): Promise<Map<string, IdentityRow[]>> {
  const { rows } = await db.query<IdentityRow>(
    `select id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at, email
       from auth.identities where user_id = any($1::uuid[]) order by created_at`,
    [userIds],
  );
  const byUser = new Map<string, IdentityRow[]>();
  for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
  return byUser;
}

const iso = (value: Date | null) => (value ? value.toISOString() : undefined);

function userJson(user: UserRow, identities: IdentityRow[]): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: user.id,
    aud: user.aud ?? "",
    role: user.role ?? "",
    email: user.email ?? "",
    email_confirmed_at: iso(user.email_confirmed_at),
    phone: user.phone ?? "",
    phone_confirmed_at: iso(user.phone_confirmed_at),
    confirmed_at: iso(user.confirmed_at),
    last_sign_in_at: iso(user.last_sign_in_at),
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    identities: identities.map((identity) => ({
      identity_id: identity.id,
      id: identity.provider_id,
      user_id: identity.user_id,
      identity_data: identity.identity_data,
      provider: identity.provider,
      last_sign_in_at: iso(identity.last_sign_in_at),
      created_at: iso(identity.created_at),
      updated_at: iso(identity.updated_at),
      email: identity.email ?? undefined,
    })),
    created_at: iso(user.created_at),
    updated_at: iso(user.updated_at),
    banned_until: iso(user.banned_until),
    is_anonymous: user.is_anonymous,
  };
  return JSON.parse(JSON.stringify(json)) as Record<string, unknown>;
}

export async function usersJson(db: Queryable, users: UserRow[]): Promise<Record<string, unknown>[]> {
  const identities = await identitiesOf(db, users.map((user) => user.id));
  return users.map((user) => userJson(user, identities.get(user.id) ?? []));
}

export async function oneUserJson(db: Queryable, user: UserRow): Promise<Record<string, unknown>> {
  const [json] = await usersJson(db, [user]);
  return json!;
}

/** The one-time tokens GoTrue keeps on the user row: one column pair per kind. */
export type OneTimeTokenKind = "confirmation" | "recovery" | "reauthentication";

const TOKEN_COLUMNS: Record<OneTimeTokenKind, { token: string; sentAt: string }> = {
  confirmation: { token: "confirmation_token", sentAt: "confirmation_sent_at" },
  recovery: { token: "recovery_token", sentAt: "recovery_sent_at" },
  reauthentication: { token: "reauthentication_token", sentAt: "reauthentication_sent_at" },
};

export interface TokenState {
  token: string;
  sentAt: Date | null;
}

export async function tokenState(db: Queryable, userId: string, kind: OneTimeTokenKind): Promise<TokenState> {
  const { token, sentAt } = TOKEN_COLUMNS[kind];
  const { rows } = await db.query<{ token: string | null; sent_at: Date | null }>(`select ${token} as token, ${sentAt} as sent_at from auth.users where id = $1`, [userId]);
  return { token: rows[0]?.token ?? "", sentAt: rows[0]?.sent_at ?? null };
}

export async function setOneTimeToken(db: Queryable, userId: string, kind: OneTimeTokenKind, token: string, now: Date): Promise<void> {
  const columns = TOKEN_COLUMNS[kind];
  await db.query(`update auth.users set ${columns.token} = $2, ${columns.sentAt} = $3, updated_at = $3 where id = $1`, [userId, token, now]);
}

export async function clearOneTimeToken(db: Queryable, userId: string, kind: OneTimeTokenKind): Promise<void> {
  await db.query(`update auth.users set ${TOKEN_COLUMNS[kind].token} = '' where id = $1`, [userId]);
}

/** The user holding a token of one of the kinds (empty tokens never match). */
export async function findUserByOneTimeToken(db: Queryable, kinds: OneTimeTokenKind[], token: string): Promise<{ user: UserRow; kind: OneTimeTokenKind } | null> {
  if (!token) return null;
  for (const kind of kinds) {
    const { rows } = await db.query<UserRow>(`select ${USER_COLUMNS} from auth.users where ${TOKEN_COLUMNS[kind].token} = $1 and deleted_at is null`, [token]);
    if (rows[0]) return { user: rows[0], kind };
  }
  return null;
}

export async function markInvited(db: Queryable, userId: string, now: Date): Promise<void> {
  await db.query("update auth.users set invited_at = $2, updated_at = $2 where id = $1", [userId, now]);
}
