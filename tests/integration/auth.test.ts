import { AuthApiError, AuthSessionMissingError, AuthWeakPasswordError } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyJwt } from "@/local/jwt";
import { SEEDED_PASSWORD } from "@/local/session-cookies";
import { startAuthServer, type PrivateAuthServer } from "../helpers/auth-server";
import { sql } from "../helpers/db";
import { TEST_PASSWORD, anonClient, serviceClient, signedInClient, stack, uniqueEmail } from "../helpers/supabase";


describe("auth: sign up is closed unless configured open", () => {
  it("refuses sign-up on the stack as configured (supabase/config.toml): admins invite people", async () => {
    const { data, error } = await anonClient().auth.signUp({ email: uniqueEmail("closed"), password: TEST_PASSWORD });
    expect(error).toMatchObject({ status: 422, code: "signup_disabled" });
    expect(data.user).toBeNull();
  });

  it("gives an invited user an ops_id from the database, or the one an admin set in app_metadata", async () => {
    const invited = await serviceClient().auth.admin.createUser({ email: uniqueEmail("invited"), password: TEST_PASSWORD, email_confirm: true, user_metadata: { ops_id: "OPS-99999" } });
    const chosen = await serviceClient().auth.admin.createUser({ email: uniqueEmail("chosen"), password: TEST_PASSWORD, email_confirm: true, app_metadata: { ops_id: `ADM-${Date.now() % 100000}` } });
    const profiles = await serviceClient().from("profiles").select("id, ops_id").in("id", [invited.data.user!.id, chosen.data.user!.id]);
    const opsIdOf = (id: string) => profiles.data?.find((profile) => profile.id === id)?.ops_id;
    expect(opsIdOf(invited.data.user!.id)).toMatch(/^OPS-\d{5}$/);
    expect(opsIdOf(invited.data.user!.id)).not.toBe("OPS-99999");
    expect(opsIdOf(chosen.data.user!.id)).toBe(chosen.data.user!.app_metadata.ops_id);
  });
});

describe("auth: sign up (a server configured open)", () => {
  let server: PrivateAuthServer;
  const openClient = () => server.client();
  beforeAll(async () => {
    server = await startAuthServer({ signupEnabled: true });
  });
  afterAll(async () => {
    await server.stop();
  });

  it("creates a confirmed user and returns a session", async () => {
    const email = uniqueEmail("signup");
    const { data, error } = await openClient().auth.signUp({
      email,
      password: TEST_PASSWORD,
      options: { data: { first_name: "Sam" } },
    });
    expect(error).toBeNull();
    expect(data.user?.email).toBe(email);
    expect(data.user?.user_metadata).toMatchObject({ first_name: "Sam" });
    expect(data.user?.app_metadata).toEqual({ provider: "email", providers: ["email"] });
    expect(data.user?.identities?.[0]).toMatchObject({ provider: "email", user_id: data.user?.id });
    expect(data.session?.access_token).toBeTruthy();
  });

  it("ignores an ops_id the new user wrote into their own metadata", async () => {
    const { data } = await openClient().auth.signUp({ email: uniqueEmail("squat"), password: TEST_PASSWORD, options: { data: { ops_id: "OPS-00001" } } });
    const [profile] = await sql<{ ops_id: string }>("select ops_id from public.profiles where id = $1", [data.user!.id]);
    expect(profile!.ops_id).toMatch(/^OPS-\d{5}$/);
    expect(profile!.ops_id).not.toBe("OPS-00001");
  });

  it("rejects an email that is already registered with user_already_exists", async () => {
    const email = uniqueEmail("dup");
    await openClient().auth.signUp({ email, password: TEST_PASSWORD });
    const { error } = await openClient().auth.signUp({ email: email.toUpperCase(), password: TEST_PASSWORD });
    expect(error).toBeInstanceOf(AuthApiError);
    expect(error?.status).toBe(422);
    expect(error?.code).toBe("user_already_exists");
  });

  it("rejects a short password as weak_password", async () => {
    const { error } = await openClient().auth.signUp({ email: uniqueEmail(), password: "12345" });
    expect(error).toBeInstanceOf(AuthWeakPasswordError);
    expect(error?.status).toBe(422);
    expect(error?.code).toBe("weak_password");
  });

  it("rejects a malformed email with validation_failed", async () => {
    const { error } = await openClient().auth.signUp({ email: "not-an-email", password: TEST_PASSWORD });
    expect(error?.status).toBe(400);
    expect(error?.code).toBe("validation_failed");
  });
});

describe("auth: sign in with password", () => {
  it("signs in a user seeded with crypt() and issues GoTrue's claims", async () => {
    const { data, error } = await anonClient().auth.signInWithPassword({
      email: "admin@deskops.local",
      password: SEEDED_PASSWORD,
    });
    expect(error).toBeNull();
    const session = data.session!;
    expect(session.token_type).toBe("bearer");
    expect(session.expires_in).toBe(3600);
    const claims = verifyJwt(session.access_token, stack().jwtSecret, Math.floor(Date.now() / 1000));
    expect(claims).toMatchObject({
      aud: "authenticated",
      role: "authenticated",
      sub: data.user!.id,
      email: "admin@deskops.local",
      phone: "",
      iss: `${stack().apiUrl}/auth/v1`,
      aal: "aal1",
      is_anonymous: false,
      app_metadata: { provider: "email", providers: ["email"] },
    });
    expect(typeof claims.session_id).toBe("string");
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(data.user!.last_sign_in_at).toBeTruthy();
  });

  it("answers a wrong password and an unknown email alike, with invalid_credentials", async () => {
    for (const credentials of [
      { email: "admin@deskops.local", password: "wrong-password" },
      { email: uniqueEmail("nobody"), password: SEEDED_PASSWORD },
    ]) {
      const { data, error } = await anonClient().auth.signInWithPassword(credentials);
      expect(data.session).toBeNull();
      expect(error).toBeInstanceOf(AuthApiError);
      expect(error?.status).toBe(400);
      expect(error?.code).toBe("invalid_credentials");
      expect(error?.message).toBe("Invalid login credentials");
    }
  });
});

describe("auth: the signed-in user", () => {
  it("gets and updates the user, and a changed password takes effect", async () => {
    const { client, userId, email } = await signedInClient("self");
    const { data: got } = await client.auth.getUser();
    expect(got.user?.id).toBe(userId);

    const { data: updated, error } = await client.auth.updateUser({ data: { shift: "night" } });
    expect(error).toBeNull();
    expect(updated.user?.user_metadata).toMatchObject({ shift: "night" });

    await client.auth.updateUser({ password: "a-brand-new-password" });
    const oldPassword = await anonClient().auth.signInWithPassword({ email, password: TEST_PASSWORD });
    expect(oldPassword.error?.code).toBe("invalid_credentials");
    const newPassword = await anonClient().auth.signInWithPassword({ email, password: "a-brand-new-password" });
    expect(newPassword.error).toBeNull();
  });

  it("rotates the refresh token, and signing out ends the session", async () => {
    const { client } = await signedInClient("rotate");
    const before = (await client.auth.getSession()).data.session!;
    const { data, error } = await client.auth.refreshSession();
    expect(error).toBeNull();
    expect(data.session!.refresh_token).not.toBe(before.refresh_token);
    const accessToken = data.session!.access_token;

    expect((await client.auth.signOut()).error).toBeNull();
    const afterSignOut = await anonClient().auth.getUser(accessToken);
    expect(afterSignOut.error).toBeInstanceOf(AuthSessionMissingError);
    const refreshAfterSignOut = await anonClient().auth.refreshSession({ refresh_token: data.session!.refresh_token });
    expect(refreshAfterSignOut.error?.code).toBe("refresh_token_not_found");
  });
});

describe("auth: admin API", () => {
  it("creates, lists, updates and deletes users with the service role", async () => {
    const admin = serviceClient().auth.admin;
    const email = uniqueEmail("admin-made");
    const created = await admin.createUser({ email, password: TEST_PASSWORD, email_confirm: true, user_metadata: { a: 1 } });
    expect(created.error).toBeNull();
    const id = created.data.user!.id;
    expect(created.data.user!.email_confirmed_at).toBeTruthy();

    const listed = await admin.listUsers({ page: 1, perPage: 1000 });
    expect(listed.data.users.map((user) => user.email)).toContain(email);
    expect((listed.data as { total?: number }).total).toBeGreaterThanOrEqual(listed.data.users.length);

    const updated = await admin.updateUserById(id, { user_metadata: { b: 2 }, app_metadata: { is_admin: true } });
    expect(updated.data.user?.user_metadata).toMatchObject({ a: 1, b: 2 });
    expect(updated.data.user?.app_metadata).toMatchObject({ is_admin: true, provider: "email" });
    expect((await admin.getUserById(id)).data.user?.email).toBe(email);

    expect((await admin.deleteUser(id)).error).toBeNull();
    const gone = await admin.getUserById(id);
    expect(gone.error?.status).toBe(404);
    expect(gone.error?.code).toBe("user_not_found");
  });

  it("refuses the admin API to the anon key and to a signed-in user", async () => {
    const asAnon = await anonClient().auth.admin.listUsers();
    expect(asAnon.error?.status).toBe(403);
    expect(asAnon.error?.code).toBe("not_admin");
    const { client } = await signedInClient("not-admin");
    const token = (await client.auth.getSession()).data.session!.access_token;
    const response = await fetch(`${stack().apiUrl}/auth/v1/admin/users`, {
      headers: { apikey: stack().anonKey, authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(403);
  });
});
