// Refresh token reuse, with the auth server's clock injected so no test waits 10 real seconds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAuthServer, type PrivateAuthServer } from "../helpers/auth-server";
import { TEST_PASSWORD, serviceClient, uniqueEmail } from "../helpers/supabase";

let auth: PrivateAuthServer;

beforeAll(async () => {
  auth = await startAuthServer();
  auth.now = Date.now();
});

afterAll(async () => {
  await auth.stop();
});

const client = () => auth.client();

async function signIn() {
  const email = uniqueEmail("reuse");
  await serviceClient().auth.admin.createUser({ email, password: TEST_PASSWORD, email_confirm: true });
  const { data, error } = await client().auth.signInWithPassword({ email, password: TEST_PASSWORD });
  if (error) throw error;
  return data.session!;
}

const refresh = (refreshToken: string) => client().auth.refreshSession({ refresh_token: refreshToken });

describe("auth: refresh token reuse", () => {
  it("gives the current token back to a rotated one reused within 10 s", async () => {
    const first = await signIn();
    const rotated = await refresh(first.refresh_token);
    expect(rotated.error).toBeNull();
    const second = rotated.data.session!.refresh_token;
    expect(second).not.toBe(first.refresh_token);

    auth.now! += 9_000;
    const reused = await refresh(first.refresh_token);
    expect(reused.error).toBeNull();
    expect(reused.data.session!.refresh_token).toBe(second);
  });

  it("revokes the whole session when a rotated token is reused after 10 s", async () => {
    const first = await signIn();
    const second = (await refresh(first.refresh_token)).data.session!;

    auth.now! += 11_000;
    const reused = await refresh(first.refresh_token);
    expect(reused.error?.status).toBe(400);
    expect(reused.error?.code).toBe("refresh_token_already_used");

    // The legitimate holder of the newest token is signed out too: the family is revoked.
    const newest = await refresh(second.refresh_token);
    expect(newest.error?.code).toBe("refresh_token_not_found");
    const user = await client().auth.getUser(second.access_token);
    expect(user.error?.name).toBe("AuthSessionMissingError");
  });

  it("stamps tokens with the injected clock", async () => {
    const session = await signIn();
    expect(session.expires_at).toBe(Math.floor(auth.now! / 1000) + 3600);
  });
});
